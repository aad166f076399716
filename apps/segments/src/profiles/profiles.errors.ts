import { NotFoundError } from '@app/common';

/** Errors of the profiles feature (stable codes). */
export const ProfileErrors = {
  notFound: (memberId: string) => new NotFoundError('PROFILE.NOT_FOUND', 'The segments service holds no profile for this member', { memberId }),
  jobNotFound: (jobId: string) => new NotFoundError('SEGMENTS.JOB_NOT_FOUND', 'No such recompute job', { jobId }),
};
