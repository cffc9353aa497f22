import { fmtTime } from '../../format.ts';

/** ISO instants inside a server message ("已被他人修改（2024-11-05T06:03:11.000Z）") in local time, as elsewhere. */
export function localTimes(text: string): string {
  return text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})/g, (iso) => fmtTime(iso));
}
