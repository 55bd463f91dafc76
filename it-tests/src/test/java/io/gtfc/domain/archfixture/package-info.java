/**
 * Deliberate violations of the design rules, compiled only into it-tests' test classes: they
 * imitate the real packages so the very same rules catch them, and the production import never
 * sees them.
 */
package io.gtfc.domain.archfixture;
