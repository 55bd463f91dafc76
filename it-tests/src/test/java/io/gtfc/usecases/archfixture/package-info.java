/** Deliberate violations of the design rules; see {@code io.gtfc.domain.archfixture}. */
package io.gtfc.usecases.archfixture;
