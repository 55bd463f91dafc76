package io.gtfc.usecases.archfixture;

/** Named by pattern, not by its verb. */
public final class PushUseCase {}
