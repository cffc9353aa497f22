/**
 * Evidence of monthly returns over HTTP (issue 9), on each dialect, clock at 2025-06-15: 西区's reporter uploads a
 * PDF for May's draft return, linked to the figure it backs; the type is the content's, the size is capped, the
 * client's name is never a path; 西区's reviewer, the centre and the leader read and download it with a proper
 * Content-Disposition, a department does not; uploads and downloads are audited; the project page lists it.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../app.ts';
import { testDialects } from '../databases.ts';

interface Evidence {
  id: string;
  returnId: string | null;
  figure: string | null;
  fileName: string;
  contentType: string;
  size: number;
}

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2048, 0x20), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

describe.each(testDialects())('evidence of monthly returns on %s', (dialect) => {
  let t: TestApp;
  let xiqu: Client;
  let shenhe: Client;
  let gfb: Client;
  let leader: Client;
  let tjj: Client;
  let projectId = '';
  let returnId = '';

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2025-06-15T02:00:00Z', env: { UPLOAD_LIMIT: String(64 * 1024) } });
    xiqu = await t.as('xiqu');
    shenhe = await t.as('shenhe');
    gfb = await t.as('gfb');
    leader = await t.as('leader');
    tjj = await t.as('tjj');
    // A 西区 project under construction, and its May return as a draft.
    const rows = (await gfb.get('/api/v1/projects?districtId=xiqu&stage=underConstruction&pageSize=100')).json<{
      rows: { id: string; actualStart: string | null; actualCompletion: string | null }[];
    }>().rows;
    const detailOf = async (id: string) =>
      (await xiqu.get(`/api/v1/projects/${id}`)).json<{
        returns: { id: string; month: string; status: string; ytd: number; sinceStart: number; version: number }[];
      }>();
    for (const p of rows) {
      const d = await detailOf(p.id);
      const may = d.returns.find((r) => r.month === '2025-05');
      if (may && may.status !== 'draft' && may.status !== 'returned') continue;
      const april = d.returns.find((r) => r.month === '2025-04');
      const saved = await xiqu.put(`/api/v1/projects/${p.id}/returns/2025-05`, {
        version: may?.version ?? null,
        thisMonth: 100,
        ytd: (april?.ytd ?? 0) + 100,
        sinceStart: (april?.sinceStart ?? 0) + 100,
        progressText: '主体施工',
        progressPercent: 50,
        workers: 60,
      });
      if (saved.statusCode !== 200) continue;
      projectId = p.id;
      returnId = saved.json<{ id: string }>().id;
      break;
    }
    expect(returnId).not.toBe('');
  });
  afterAll(async () => t.close());

  const upload = (c: Client, id: string, body: Buffer, filename: string, query = '?figure=thisMonth') => {
    const boundary = '----gongfu-evidence';
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/projects/returns/${id}/evidence${query}`,
      headers: {
        cookie: c.cookie,
        'x-csrf-token': c.csrf,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        body,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
  };
  const issueText = (res: LightMyRequestResponse) =>
    res.json<{ error: { details: { field: string; text: { zh: string; en: string } }[] } }>().error.details[0];

  it('takes a PDF for the figure it backs, named without any path, typed by its content', async () => {
    const res = await upload(xiqu, returnId, PDF, '../../etc/5月投资凭证.exe');
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json<Evidence>();
    expect(e).toMatchObject({ returnId, figure: 'thisMonth', contentType: 'application/pdf', size: PDF.length });
    expect(e.fileName).toBe('5月投资凭证.pdf');
    const png = await upload(xiqu, returnId, PNG, '现场照片.png', '?figure=progress');
    expect(png.statusCode, png.body).toBe(200);
    expect(png.json<Evidence>().figure).toBe('progress');
    const list = (await shenhe.get(`/api/v1/projects/returns/${returnId}/evidence`)).json<Evidence[]>();
    expect(list.map((x) => [x.fileName, x.figure])).toEqual([
      ['5月投资凭证.pdf', 'thisMonth'],
      ['现场照片.png', 'progress'],
    ]);
    // The project page lists it with the return.
    const detail = (await gfb.get(`/api/v1/projects/${projectId}`)).json<{
      returns: { id: string; evidence: Evidence[] }[];
    }>();
    expect(detail.returns.find((r) => r.id === returnId)?.evidence).toHaveLength(2);
  });

  it('refuses what is not evidence: another type, an empty or oversized file, a figure it does not know', async () => {
    const exe = await upload(xiqu, returnId, Buffer.from('MZ\x90\x00 this is not a pdf'), '凭证.pdf');
    expect(exe.statusCode).toBe(400);
    expect(issueText(exe)?.text.zh).toContain('只接受 PDF、JPG、PNG');
    expect(issueText(exe)?.field).toBe('file');
    expect((await upload(xiqu, returnId, Buffer.alloc(0), 'empty.pdf')).statusCode).toBe(400);
    const big = await upload(xiqu, returnId, Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(80 * 1024)]), 'big.pdf');
    expect(big.statusCode).toBe(413);
    expect((await upload(xiqu, returnId, PDF, 'a.pdf', '?figure=colour')).statusCode).toBe(400);
    expect((await xiqu.get(`/api/v1/projects/returns/${returnId}/evidence`)).json<Evidence[]>()).toHaveLength(2);
  });

  it('lets the district, its reviewer, the centre and the leaders download it, audited; no one else', async () => {
    const [first] = (await xiqu.get(`/api/v1/projects/returns/${returnId}/evidence`)).json<Evidence[]>();
    for (const c of [xiqu, shenhe, gfb, leader]) {
      const res = await c.get(`/api/v1/projects/evidence/${first!.id}`);
      expect(res.statusCode, c.username).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(String(res.headers['content-disposition'])).toBe(
        `attachment; filename="5_____.pdf"; filename*=UTF-8''${encodeURIComponent('5月投资凭证.pdf')}`,
      );
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.rawPayload.equals(PDF)).toBe(true);
    }
    // A department reads the ledger, not the district's evidence; nor does the project page show it to them.
    expect((await tjj.get(`/api/v1/projects/evidence/${first!.id}`)).statusCode).toBe(403);
    expect((await tjj.get(`/api/v1/projects/returns/${returnId}/evidence`)).statusCode).toBe(403);
    const seen = (await tjj.get(`/api/v1/projects/${projectId}`)).json<{
      returns: { id: string; evidence: Evidence[] }[];
    }>();
    expect(seen.returns.find((r) => r.id === returnId)?.evidence ?? []).toHaveLength(0);
    // Only the district's reporters upload.
    expect((await upload(shenhe, returnId, PDF, 'x.pdf')).statusCode).toBe(403);
    expect((await upload(gfb, returnId, PDF, 'x.pdf')).statusCode).toBe(403);
    const audit = await t.ctx.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'object_id'])
      .where('action', 'in', ['project.evidence.upload', 'project.evidence.download'])
      .execute();
    expect(audit.filter((a) => a.action === 'project.evidence.upload')).toHaveLength(2);
    expect(audit.filter((a) => a.action === 'project.evidence.download' && a.object_id === first!.id)).toHaveLength(4);
  });

  it('takes no evidence once the return is submitted', async () => {
    expect((await xiqu.post('/api/v1/projects/returns/submit', { ids: [returnId] })).statusCode).toBe(200);
    const res = await upload(xiqu, returnId, PDF, 'late.pdf');
    expect(res.statusCode).toBe(409);
  });
});
