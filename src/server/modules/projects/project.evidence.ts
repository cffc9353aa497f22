/**
 * Evidence of a monthly return (佐证材料): a scan of the investment voucher, a photo of the site, linked to the figure
 * it supports (本月完成投资, 形象进度 …). Stored in the database beside the return, never on a path: the client's
 * file name is kept only as the name the download is offered under, cleaned of any path and control characters. The
 * type is the content's (PDF, JPEG, PNG by their magic bytes), not the name's or the browser's; the size is capped.
 * Who uploads: the district's reporters while the return is theirs (draft, returned); who reads: the district's
 * reporters and reviewers, the centre and the leaders (`Access.canSeeProjectEvidence`). Uploads and downloads are
 * audited.
 */
import crypto from 'node:crypto';
import type { Access, Actor } from '../../access/policy.ts';
import type { Clock } from '../../clock.ts';
import type { Queryable } from '../../db/transaction.ts';
import { AppError, bilingual, notFound } from '../../errors.ts';
import type { Auditor } from '../../security/auditor.ts';
import type { EvidenceFigure } from '../../../shared/api/projects.ts';
import type { AttachmentMeta } from './project.repository.ts';
import type { ProjectService } from './project.service.ts';

/** One file's cap: a scanned voucher or a site photo fits many times over. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
/** Files per return. */
export const MAX_EVIDENCE_PER_RETURN = 20;

const TYPES = [
  { contentType: 'application/pdf', ext: 'pdf', magic: [Buffer.from('%PDF-')] },
  { contentType: 'image/jpeg', ext: 'jpg', magic: [Buffer.from([0xff, 0xd8, 0xff])] },
  { contentType: 'image/png', ext: 'png', magic: [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])] },
] as const;

/**
 * The type of an evidence file by its first bytes, or null when it is none of PDF, JPEG, PNG.
 *
 * @example sniffEvidence(Buffer.from('%PDF-1.7 …')) → { contentType: 'application/pdf', ext: 'pdf' }
 */
export function sniffEvidence(bytes: Buffer): { contentType: string; ext: string } | null {
  for (const t of TYPES) {
    if (t.magic.some((m) => bytes.length >= m.length && bytes.subarray(0, m.length).equals(m))) {
      return { contentType: t.contentType, ext: t.ext };
    }
  }
  return null;
}

/**
 * The name a file is offered under: the client's name without any directory, control or reserved characters,
 * at most 100 characters, with the extension of its real type.
 *
 * @example evidenceFileName('C:\\扫描\\..\\投资凭证 5月.PDF', 'pdf') === '投资凭证 5月.pdf'
 * @example evidenceFileName('../../etc/passwd', 'png') === 'passwd.png'
 */
export function evidenceFileName(raw: string, ext: string): string {
  const base = (raw.split(/[\\/]/).pop() ?? '')
    .replace(/\p{Cc}/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/^\.+/, '')
    .trim();
  const stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, '').slice(0, 90) || '佐证材料';
  return `${stem}.${ext}`;
}

export class ProjectEvidenceService {
  private readonly projects: ProjectService;
  private readonly access: () => Access;
  private readonly auditor: Auditor;
  private readonly clock: Clock;
  private readonly maxBytes: number;

  constructor(deps: {
    projects: ProjectService;
    access: () => Access;
    auditor: Auditor;
    clock: Clock;
    maxBytes?: number;
  }) {
    this.projects = deps.projects;
    this.access = deps.access;
    this.auditor = deps.auditor;
    this.clock = deps.clock;
    this.maxBytes = Math.min(deps.maxBytes ?? MAX_EVIDENCE_BYTES, MAX_EVIDENCE_BYTES);
  }

  private get repo() {
    return this.projects.repo;
  }

  /** The return and its project, when the actor may see its evidence. */
  private async returnFor(actor: Actor, returnId: string) {
    const [ret] = await this.repo.returnsByIds(this.repo.k, [returnId]);
    if (!ret) throw notFound({ zh: '月报', en: 'Monthly return' });
    const project = await this.repo.project(this.repo.k, ret.project_id);
    if (!project) throw notFound({ zh: '项目', en: 'Project' });
    if (!this.access().canSeeProjectEvidence(actor, project.district_id)) throw new AppError('OUT_OF_SCOPE');
    return { ret, project };
  }

  async list(actor: Actor, returnId: string): Promise<AttachmentMeta[]> {
    await this.returnFor(actor, returnId);
    return this.repo.attachmentsOfReturn(this.repo.k, returnId);
  }

  async upload(
    actor: Actor,
    returnId: string,
    file: { bytes: Buffer; fileName: string },
    figure: EvidenceFigure,
  ): Promise<AttachmentMeta> {
    const { ret, project } = await this.returnFor(actor, returnId);
    if (!this.access().canFileProjectReturn(actor, project.district_id)) throw new AppError('OUT_OF_SCOPE');
    if (ret.status !== 'draft' && ret.status !== 'returned') {
      throw new AppError('INVALID_STATE', {
        zh: '月报已报送或已审核，不能再添加佐证材料',
        en: 'The return is submitted or approved: no more evidence can be added',
      });
    }
    const problem = (zh: string, en: string, code: 'VALIDATION' | 'PAYLOAD_TOO_LARGE' = 'VALIDATION') =>
      new AppError(code, { zh: `佐证材料无法上传：${zh}`, en: `The evidence cannot be uploaded: ${en}` }, [
        { field: 'file', ...bilingual(zh, en) },
      ]);
    if (file.bytes.length === 0) throw problem('文件为空', 'the file is empty');
    if (file.bytes.length > this.maxBytes) {
      const mb = Math.round(this.maxBytes / 1024 / 1024);
      throw problem(`超过 ${mb} MB 的上限`, `larger than ${mb} MB`, 'PAYLOAD_TOO_LARGE');
    }
    const type = sniffEvidence(file.bytes);
    if (!type) {
      throw problem(
        '只接受 PDF、JPG、PNG 格式的文件（按文件内容判断，不按扩展名）',
        'only PDF, JPEG and PNG files are accepted (judged by the content, not the name)',
      );
    }
    const existing = await this.repo.attachmentsOfReturn(this.repo.k, returnId);
    if (existing.length >= MAX_EVIDENCE_PER_RETURN) {
      throw problem(
        `每份月报最多 ${MAX_EVIDENCE_PER_RETURN} 个佐证材料`,
        `at most ${MAX_EVIDENCE_PER_RETURN} files per return`,
      );
    }
    const at = this.clock.now().toISOString();
    const row = {
      id: crypto.randomUUID(),
      project_id: project.id,
      return_id: ret.id,
      figure,
      file_name: evidenceFileName(file.fileName, type.ext),
      content_type: type.contentType,
      size: file.bytes.length,
      sha256: crypto.createHash('sha256').update(file.bytes).digest('hex'),
      data: file.bytes,
      uploaded_at: at,
      uploaded_by: actor.userId,
    };
    await this.repo.transaction(async (trx) => {
      await this.repo.insertAttachment(trx, row);
      await this.repo.addHistory(trx, [
        {
          id: `${at}-evidence-${row.id.slice(0, 8)}`,
          project_id: project.id,
          action: 'evidence',
          detail: `${ret.month}：${row.file_name}`,
          user_id: actor.userId,
          at,
        },
      ]);
      await this.auditor.record(
        {
          action: 'project.evidence.upload',
          objectType: 'projectEvidence',
          objectId: row.id,
          detail: { returnId: ret.id, figure, size: row.size, sha256: row.sha256 },
        },
        trx as unknown as Queryable,
      );
    });
    const { data: _data, ...meta } = row;
    return meta;
  }

  /** One file to download, audited. */
  async download(actor: Actor, id: string) {
    const file = await this.repo.attachment(this.repo.k, id);
    if (!file) throw notFound({ zh: '佐证材料', en: 'Evidence' });
    const project = await this.repo.project(this.repo.k, file.project_id);
    if (!project || !this.access().canSeeProjectEvidence(actor, project.district_id))
      throw new AppError('OUT_OF_SCOPE');
    await this.auditor.record({
      action: 'project.evidence.download',
      objectType: 'projectEvidence',
      objectId: id,
      detail: { returnId: file.return_id, size: file.size },
    });
    return { fileName: file.file_name, contentType: file.content_type, body: Buffer.from(file.data) };
  }
}
