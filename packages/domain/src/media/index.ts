export { decodeBase64Media, INVALID_BASE64 } from './decode';
export { commitWithFiles, releaseFiles, type StoredFile } from './files';
export { LocalDiskStorage } from './local-storage';
export {
  type MediaPurpose,
  maxInputBytes,
  type PreparedMedia,
  prepareBase64Media,
  prepareMedia,
} from './prepare';
export { claimUpload, insertMediaRow, MEDIA_NOT_FOUND } from './rows';
export { ACCEPTED_FORMATS } from './sniff';
export {
  type ByteRange,
  isContentAddressed,
  type MediaStat,
  type MediaStorage,
  normalizeMediaPath,
} from './storage';
export {
  MEDIA_FOLDERS,
  type MediaDeps,
  type MediaKind,
  type MediaLimits,
  type MediaRow,
  type MediaSummary,
  toMediaSummary,
} from './types';
export { uploadMedia } from './upload';
