export type PackagingJob = 'package' | 'filler';

/** One job in one fresh process. */
export interface PackagingSample {
  readonly job: PackagingJob;
  readonly sizeMb: number;
  /** Bytes written: the package's size, or the filler's. */
  readonly bytes: number;
  readonly elapsedMs: number;
  /** Peak resident memory over what the process held before the job started. */
  readonly extraBytes: number;
}

/** Medians over the repetitions of one size, the packager next to the baseline. */
export interface PackagingFigures {
  readonly sizeMb: number;
  readonly repetitions: number;
  readonly packageBytes: number;
  readonly packageMs: number;
  readonly packageExtraBytes: number;
  readonly fillerMs: number;
  readonly fillerExtraBytes: number;
}
