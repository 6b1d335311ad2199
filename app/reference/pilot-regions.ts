/**
 * The 11 pilot provinces and cities of 国家服务业扩大开放综合试点示范, as first seeded.
 * The database table `regions` is the source of truth at run time (admins may edit names and
 * add regions); this list seeds it and lets pure modules (the importer) work without a database.
 * `code` is stable and is what case content stores; `shortName` is how the bulletin names the
 * region when it acts ("北京积极争取…").
 */
export type PilotRegion = { code: string; name: string; shortName: string };

export const PILOT_REGIONS: readonly PilotRegion[] = [
  { code: "beijing", name: "北京市", shortName: "北京" },
  { code: "tianjin", name: "天津市", shortName: "天津" },
  { code: "shanghai", name: "上海市", shortName: "上海" },
  { code: "hainan", name: "海南省", shortName: "海南" },
  { code: "chongqing", name: "重庆市", shortName: "重庆" },
  { code: "shenyang", name: "沈阳市", shortName: "沈阳" },
  { code: "nanjing", name: "南京市", shortName: "南京" },
  { code: "hangzhou", name: "杭州市", shortName: "杭州" },
  { code: "wuhan", name: "武汉市", shortName: "武汉" },
  { code: "guangzhou", name: "广州市", shortName: "广州" },
  { code: "chengdu", name: "成都市", shortName: "成都" },
];

/** Case categories the first bulletins use; later batches add more through the admin pages. */
export type CaseCategory = { code: string; name: string };

export const INITIAL_CATEGORIES: readonly CaseCategory[] = [
  { code: "industry-ecosystem", name: "产业生态体系建设" },
  { code: "international-cooperation", name: "国际合作和区域协同" },
  { code: "institutional-innovation", name: "体制机制创新" },
];
