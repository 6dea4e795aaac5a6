/**
 * Realistic classroom lectures for the search quality test and bench/classroom-search.ts: known
 * lectures that 30 queries must find (names, phrases, partial words, traditional script, a speaker's
 * unit, a word only in a manuscript), and distractors that mention the same words in passing.
 */

export interface CorpusLecture {
  key: string;
  title: string;
  speaker_name: string;
  speaker_unit: string;
  category: string;
  tags: string[];
  summary: string;
  manuscript_text: string;
}

export const CATEGORIES = [
  '党史学习',
  '理论宣讲',
  '先进典型',
  '基层治理',
  '乡村振兴',
  '廉洁教育',
  '安全法治',
];

const base = (key: string, l: Partial<CorpusLecture> & Pick<CorpusLecture, 'title' | 'speaker_name'>) => ({
  key,
  speaker_unit: '',
  category: '先进典型',
  tags: [],
  summary: '',
  manuscript_text: '',
  ...l,
});

/** Lectures some query must find in its first five results. */
export const KNOWN: CorpusLecture[] = [
  base('zgm', {
    title: '张桂梅：用教育点亮大山女孩的梦想',
    speaker_name: '李晓燕',
    speaker_unit: '丽江市华坪县教育局',
    tags: ['时代楷模', '教育'],
    summary: '讲述张桂梅校长扎根边疆教育一线，创办全国第一所免费女子高中的故事。',
  }),
  base('jyl', {
    title: '学习焦裕禄精神 做人民满意的公仆',
    speaker_name: '赵志刚',
    speaker_unit: '兰考县委党校',
    category: '党史学习',
    tags: ['焦裕禄精神', '为民服务'],
    summary: '从兰考治沙的三害说起，讲亲民爱民、艰苦奋斗、科学求实、迎难而上、无私奉献。',
  }),
  base('wjg', {
    title: '网格化服务让群众办事不出村',
    speaker_name: '王建国',
    speaker_unit: '城关镇党委',
    category: '基层治理',
    tags: ['基层治理'],
    summary: '网格员每天走访，群众的小事在网格里解决。',
  }),
  base('xczx', {
    title: '乡村振兴路上的青春力量',
    speaker_name: '陈思远',
    speaker_unit: '团县委',
    category: '乡村振兴',
    tags: ['乡村振兴', '青年'],
    summary: '返乡青年带着电商和新技术回到家乡，带动乡亲们增收致富。',
  }),
  base('hqq', {
    title: '红旗渠精神代代传',
    speaker_name: '郭红梅',
    speaker_unit: '林州市委宣传部',
    category: '党史学习',
    tags: ['红旗渠精神'],
    summary: '太行山上的人工天河，十万林县人民削平一千二百五十个山头。',
  }),
  base('ljb', {
    title: '廖俊波：人民的好书记',
    speaker_name: '周文斌',
    speaker_unit: '南平市委党校',
    tags: ['时代楷模'],
    summary: '廖俊波同志把群众的事当作自己的事，被誉为樵夫书记。',
  }),
  base('hwx', {
    title: '黄文秀的扶贫日记',
    speaker_name: '韦丽娟',
    speaker_unit: '百色市乐业县百坭村',
    tags: ['脱贫攻坚', '驻村第一书记'],
    summary: '一本日记记下了百坭村八十八户贫困户的情况。',
  }),
  base('lgql', {
    title: '深刻领悟两个确立的决定性意义',
    speaker_name: '孙立新',
    speaker_unit: '市委讲师团',
    category: '理论宣讲',
    tags: ['理论学习'],
    summary: '结合新时代十年的伟大变革，讲清楚两个确立的历史逻辑和实践要求。',
  }),
  base('xzscl', {
    title: '因地制宜发展新质生产力',
    speaker_name: '钱海峰',
    speaker_unit: '市发展改革委',
    category: '理论宣讲',
    tags: ['新质生产力', '高质量发展'],
    summary: '科技创新是发展新质生产力的核心要素。',
  }),
  base('fqjy', {
    title: '新时代枫桥经验在社区落地',
    speaker_name: '何敏',
    speaker_unit: '东关街道',
    category: '基层治理',
    tags: ['枫桥经验'],
    summary: '小事不出村、大事不出镇、矛盾不上交。',
  }),
  base('ljwh', {
    title: '廉洁文化进机关 清风正气满心间',
    speaker_name: '冯世杰',
    speaker_unit: '县纪委监委',
    category: '廉洁教育',
    tags: ['廉洁文化建设'],
    summary: '以案为鉴，守住底线，营造风清气正的政治生态。',
  }),
  base('shb', {
    title: '三代人的绿色接力',
    speaker_name: '刘国栋',
    speaker_unit: '林业局',
    category: '先进典型',
    tags: ['生态文明'],
    summary: '几代务林人在荒漠上种出百万亩林海。',
    manuscript_text:
      '一九六二年，三百六十九名年轻人来到塞罕坝，在高寒荒漠上开始植树造林。他们住地窨子、喝雪水，' +
      '一次次失败后终于让树苗扎下了根。今天，这片林海每年为京津地区涵养水源、净化淡水。',
  }),
  base('tren', {
    title: '铁人精神：王进喜的故事',
    speaker_name: '马晓东',
    speaker_unit: '大庆油田宣讲团',
    category: '党史学习',
    tags: ['铁人精神'],
    summary: '宁可少活二十年，拼命也要拿下大油田。',
  }),
  base('dxzp', {
    title: '防范电信网络诈骗 守好群众钱袋子',
    speaker_name: '杨帆',
    speaker_unit: '县公安局',
    category: '安全法治',
    tags: ['反诈', '平安建设'],
    summary: '冒充客服、刷单返利、虚假投资，识破常见骗局的三个办法。',
  }),
  base('5g', {
    title: '5G基站建设中的党员先锋队',
    speaker_name: '郑凯',
    speaker_unit: '移动公司党委',
    category: '先进典型',
    tags: ['国企党建'],
    summary: '党员突击队攻坚山区5G信号覆盖。',
  }),
  base('mzty', {
    title: '各民族像石榴籽一样紧紧抱在一起',
    speaker_name: '买买提·吐尔逊',
    speaker_unit: '县民族宗教局',
    category: '理论宣讲',
    tags: ['民族团结'],
    summary: '铸牢中华民族共同体意识，讲述身边的民族团结故事。',
  }),
  base('tradition', {
    title: '學習黨的二十大精神 凝聚奮進力量',
    speaker_name: '林振華',
    speaker_unit: '港澳同胞聯誼會',
    category: '理论宣讲',
    tags: ['二十大'],
    summary: '以繁體字撰寫的宣講稿，講述黨的二十大報告的主要精神。',
  }),
];

/** The 30 queries of the quality test: each must find its lecture (by key) in its first five results. */
export const QUERIES: { q: string; key: string; why: string }[] = [
  { q: '张桂梅', key: 'zgm', why: '名字' },
  { q: '張桂梅', key: 'zgm', why: '繁体名字' },
  { q: '桂梅', key: 'zgm', why: '名字的一部分' },
  { q: '焦裕禄精神', key: 'jyl', why: '短语' },
  { q: '學習焦裕祿精神', key: 'jyl', why: '繁体短语' },
  { q: '焦裕禄', key: 'jyl', why: '名字' },
  { q: '裕禄', key: 'jyl', why: '名字的一部分' },
  { q: '王建国', key: 'wjg', why: '主讲人' },
  { q: '网格化', key: 'wjg', why: '词的一部分' },
  { q: '乡村振兴', key: 'xczx', why: '短语' },
  { q: '鄉村振興', key: 'xczx', why: '繁体' },
  { q: '返乡青年', key: 'xczx', why: '简介里的词' },
  { q: '红旗渠', key: 'hqq', why: '地名' },
  { q: '红旗渠精神', key: 'hqq', why: '专题' },
  { q: '廖俊波', key: 'ljb', why: '名字' },
  { q: '樵夫书记', key: 'ljb', why: '简介里的称号' },
  { q: '黄文秀', key: 'hwx', why: '名字' },
  { q: '两个确立', key: 'lgql', why: '理论术语' },
  { q: '新质生产力', key: 'xzscl', why: '理论术语' },
  { q: '枫桥经验', key: 'fqjy', why: '专题' },
  { q: '廉洁', key: 'ljwh', why: '专题的一部分' },
  { q: '塞罕坝', key: 'shb', why: '只在讲稿里' },
  { q: '铁人', key: 'tren', why: '称号' },
  { q: '王进喜', key: 'tren', why: '名字' },
  { q: '电信诈骗', key: 'dxzp', why: '词的一部分' },
  { q: '5g基站', key: '5g', why: '字母数字混合' },
  { q: '石榴籽', key: 'mzty', why: '比喻' },
  { q: '买买提', key: 'mzty', why: '少数民族名字的一部分' },
  { q: '兰考 党校', key: 'jyl', why: '主讲人单位，两个词' },
  { q: '学习党的二十大精神', key: 'tradition', why: '简体查繁体课程' },
];

const PLACES = [
  '城关',
  '东关',
  '西河',
  '南湖',
  '北山',
  '青石',
  '柳林',
  '白马',
  '红星',
  '新华',
  '太平',
  '长寿',
  '石门',
  '桃源',
  '龙泉',
  '金沙',
  '平安',
  '永丰',
  '清河',
  '松涛',
];
const ORGS = [
  '镇党委',
  '街道党工委',
  '村党支部',
  '社区党委',
  '中学党总支',
  '卫生院党支部',
  '供电所党支部',
  '税务分局',
  '派出所',
  '农业服务中心',
];
/** Topics a lecture is about: each manuscript takes three, so a topic word is in a few percent of them. */
const TOPICS = [
  '乡村振兴',
  '基层治理',
  '垃圾分类',
  '河长制',
  '医疗保障',
  '义务教育',
  '安全生产',
  '防汛抗旱',
  '新时代文明实践',
  '志愿服务',
  '数字经济',
  '营商环境',
  '粮食安全',
  '耕地保护',
  '森林防火',
  '养老服务',
  '托育服务',
  '就业创业',
  '食品安全',
  '交通安全',
  '法治宣传',
  '禁毒宣传',
  '反邪教',
  '移风易俗',
  '家风建设',
  '清廉村居',
  '网格管理',
  '物业管理',
  '老旧小区改造',
  '电商直播',
  '特色产业',
  '集体经济',
  '土地流转',
  '高标准农田',
  '水利建设',
  '生态修复',
  '大气污染防治',
  '碳达峰',
  '科技创新',
  '人才引进',
  '招商引资',
  '民营经济',
  '产业工人',
  '退役军人服务',
  '双拥工作',
  '民族团结进步',
  '宗教事务',
  '统一战线',
  '侨务工作',
  '共青团',
  '妇联工作',
  '工会服务',
  '关心下一代',
  '未成年人保护',
  '心理健康',
  '全民健身',
  '文化惠民',
  '非遗传承',
  '红色旅游',
  '党员教育',
  '三会一课',
  '主题党日',
  '党费收缴',
  '发展党员',
  '组织生活会',
  '民主评议',
  '两新组织党建',
  '机关党建',
  '国企改革',
  '政务服务',
  '一网通办',
  '信访工作',
  '矛盾调解',
  '应急管理',
  '平安建设',
  '消防安全',
  '防范电信诈骗',
  '网络安全',
  '保密工作',
  '档案管理',
  '统计工作',
  '审计监督',
  '巡察整改',
  '作风建设',
];
const MODELS = [
  '焦裕禄',
  '孔繁森',
  '杨善洲',
  '谷文昌',
  '廖俊波',
  '黄文秀',
  '张桂梅',
  '雷锋',
  '王进喜',
  '钱学森',
  '袁隆平',
  '黄大年',
  '南仁东',
  '于敏',
  '申纪兰',
  '时传祥',
];
const TEMPLATES = [
  '{place}{org}围绕{topic}，今年组织了{n}场专题宣讲，参加的党员群众有{m}人。',
  '在{topic}工作中，{place}的党员干部带头走访，收集意见建议{n}条，解决实际问题{k}件。',
  '{topic}关系千家万户，我们{org}把它列入年度重点任务，每月调度一次。',
  '说起{topic}，{place}的老支书感慨地说：过去难办的事，现在有了章法。',
  '我们学习{model}同志的事迹，就是要像他那样把群众放在心上。',
  '{place}{org}的经验是：{topic}要抓早抓小，坚持问题导向。',
  '第{n}次主题党日，{place}{org}的党员们来到田间地头，一起讨论{topic}。',
  '去年以来，{place}累计投入资金{m}万元，用于{topic}。',
  '群众满意不满意，是检验{topic}成效的根本标准。',
  '一位{age}岁的老党员说，{topic}让他看到了家乡的新变化。',
];

const TITLE_PARTS = [
  ['践行', '弘扬', '传承', '学习', '感悟', '讲好', '深化', '聚焦'],
  [
    '伟大建党精神',
    '红色基因',
    '长征精神',
    '改革创新',
    '为民情怀',
    '法治思维',
    '绿色发展',
    '共同富裕',
    '基层党建',
    '文明新风',
  ],
  ['的实践与思考', '在基层', '的生动故事', '从我做起', '的时代价值', '的身边榜样'],
];
const NAMES = [
  '张伟',
  '王芳',
  '李娜',
  '刘洋',
  '陈静',
  '杨磊',
  '黄敏',
  '赵强',
  '吴婷',
  '周杰',
  '徐丽',
  '孙浩',
];
const UNITS = [
  '第一党支部',
  '机关党委',
  '社区党委',
  '教育局党组',
  '卫健委',
  '供电公司',
  '中学党总支',
  '镇党委',
];

/** A deterministic generator (the same corpus every run). */
export function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A manuscript of about `length` characters on three topics, in the words of ordinary lectures. */
export function manuscript(rand: () => number, length: number): string {
  const pick = <T>(a: T[]) => a[Math.floor(rand() * a.length)]!;
  const topics = [pick(TOPICS), pick(TOPICS), pick(TOPICS)];
  const place = pick(PLACES);
  // One lecture in four tells of a model worker or official, a few times.
  const model = rand() < 0.25 ? pick(MODELS) : null;
  const fill: Record<string, () => string> = {
    place: () => place,
    org: () => pick(ORGS),
    topic: () => pick(topics),
    model: () => model ?? '',
    n: () => String(2 + Math.floor(rand() * 40)),
    k: () => String(1 + Math.floor(rand() * 90)),
    m: () => String(30 + Math.floor(rand() * 900)),
    age: () => String(60 + Math.floor(rand() * 30)),
  };
  let out = '';
  while (out.length < length) {
    const t = model && rand() < 0.05 ? TEMPLATES[4]! : pick(TEMPLATES.filter((x) => !x.includes('{model}')));
    out += t.replace(/\{(\w+)\}/g, (_, k: string) => fill[k]!());
  }
  return out;
}

/** Distractor `i`: a lecture on a common theme whose text mentions query words in passing. */
export function distractor(rand: () => number, i: number, manuscriptLength: number): CorpusLecture {
  const pick = <T>(a: T[]) => a[Math.floor(rand() * a.length)]!;
  const title = `${pick(TITLE_PARTS[0]!)}${pick(TITLE_PARTS[1]!)}${pick(TITLE_PARTS[2]!)}`;
  return {
    key: `d${i}`,
    title,
    speaker_name: pick(NAMES),
    speaker_unit: pick(UNITS),
    category: pick(CATEGORIES),
    tags: [pick(['党史学习', '理论学习', '乡村振兴', '基层治理', '精神谱系', '廉洁教育'])],
    summary: manuscript(rand, 50).slice(0, 80),
    manuscript_text: manuscript(rand, manuscriptLength),
  };
}
