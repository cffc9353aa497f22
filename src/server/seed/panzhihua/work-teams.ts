/**
 * The "1+8+3" organisation (组织领导体系). The pilot-plan news report gives its shape — "除了已成立共同富裕试验区
 * 领导小组，攀枝花还组建8个工作推进专班、3个组织保障专班，形成'1+8+3'组织领导体系" — but not the teams' names.
 * The "1" is named after the leading group and its office (the coordination centre); the eight promotion teams are
 * named after the eight model areas (八大市域样本), one each; the three support teams' names are PLAUSIBLE, NOT
 * FROM THE SEEDS, and should be replaced by the official ones.
 */
import type { SeedWorkTeam } from '../seed-types.ts';

export const workTeams: SeedWorkTeam[] = [
  {
    id: 'team-office',
    name: '共同富裕试验区领导小组办公室（共富办）',
    nameEn: 'Office of the Pilot Zone Leading Group (coordination centre)',
    group: 'coordination',
    sort: 0,
  },
  // 8 个工作推进专班, one per model area (names derived from the model areas).
  {
    id: 'team-d1',
    name: '共同富裕改革探索工作推进专班',
    nameEn: 'Work Team: Reform Exploration',
    group: 'promotion',
    sort: 1,
  },
  {
    id: 'team-d2',
    name: '“四化同步”推动高质量发展工作推进专班',
    nameEn: 'Work Team: High-quality Development through the Four Modernisations',
    group: 'promotion',
    sort: 2,
  },
  {
    id: 'team-d3',
    name: '高水平区域协调发展工作推进专班',
    nameEn: 'Work Team: Regional Coordination',
    group: 'promotion',
    sort: 3,
  },
  {
    id: 'team-d4',
    name: '农民农村共同富裕工作推进专班',
    nameEn: 'Work Team: Farmers and Rural Prosperity',
    group: 'promotion',
    sort: 4,
  },
  {
    id: 'team-d5',
    name: '收入分配制度改革工作推进专班',
    nameEn: 'Work Team: Income Distribution Reform',
    group: 'promotion',
    sort: 5,
  },
  {
    id: 'team-d6',
    name: '基本公共服务优质共享工作推进专班',
    nameEn: 'Work Team: Quality Public Services Shared by All',
    group: 'promotion',
    sort: 6,
  },
  {
    id: 'team-d7',
    name: '促进精神普遍富足工作推进专班',
    nameEn: 'Work Team: Spiritual Prosperity',
    group: 'promotion',
    sort: 7,
  },
  {
    id: 'team-d8',
    name: '高效能社会治理工作推进专班',
    nameEn: 'Work Team: Effective Social Governance',
    group: 'promotion',
    sort: 8,
  },
  // 3 个组织保障专班 — plausible names, not given in the seeds.
  {
    id: 'team-support-policy',
    name: '政策研究与要素保障专班',
    nameEn: 'Support Team: Policy Research and Resources',
    group: 'support',
    sort: 9,
  },
  {
    id: 'team-support-inspection',
    name: '督查考评专班',
    nameEn: 'Support Team: Supervision and Evaluation',
    group: 'support',
    sort: 10,
  },
  {
    id: 'team-support-publicity',
    name: '宣传引导专班',
    nameEn: 'Support Team: Publicity and Outreach',
    group: 'support',
    sort: 11,
  },
];
