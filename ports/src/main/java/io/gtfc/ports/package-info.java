/**
 * The driven ports of gtfc: what the use cases need from storage, transport, keys and the node
 * home, as interfaces whose Javadoc is the contract every adapter (and every fake) keeps.
 */
@ValueStyle
package io.gtfc.ports;

import io.gtfc.domain.ValueStyle;
