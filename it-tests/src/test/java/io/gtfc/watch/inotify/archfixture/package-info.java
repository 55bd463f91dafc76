/** Deliberate violations of the design rules; see {@code io.gtfc.domain.archfixture}. */
package io.gtfc.watch.inotify.archfixture;
