/**
 * The use cases of gtfc, one final class per verb, each constructed with the ports it needs.
 * They hold the order of operations (commit local edits, then integrate; check the member list,
 * then act) and leave the how to the adapters.
 */
@ValueStyle
package io.gtfc.usecases;

import io.gtfc.domain.ValueStyle;
