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

const SENTENCES = [
  '我们要坚持以人民为中心的发展思想，把群众的急难愁盼放在心上。',
  '学习焦裕禄、孔繁森、杨善洲等优秀党员干部的事迹，我们深受教育。',
  '乡村振兴离不开产业兴旺，更离不开一支懂农业、爱农村、爱农民的队伍。',
  '支部书记带头，党员包片，网格员入户，把政策讲到群众的心坎上。',
  '新时代的精神谱系需要我们用心传承，用行动践行。',
  '基层治理的关键在于把资源、服务、管理下沉到社区。',
  '全面从严治党永远在路上，党的自我革命永远在路上。',
  '学习党的二十大精神，关键在于学以致用、以学促干。',
  '红色资源是我们党艰辛而辉煌奋斗历程的见证。',
  '我们村的合作社去年带动一百二十户农户增收。',
  '要教育引导党员干部树立正确的权力观、政绩观、事业观。',
  '科技创新是高质量发展的第一动力，人才是第一资源。',
  '平安建设人人参与，平安成果人人共享。',
  '他把青春献给了这片土地，把爱留给了身边的群众。',
  '讲好中国故事，传播好中国声音，是每一位宣讲员的责任。',
  '防范化解重大风险，守住不发生系统性风险的底线。',
  '我们要发扬钉钉子精神，一张蓝图绘到底。',
  '社区志愿者每周为独居老人送餐、陪护、打扫卫生。',
  '生态环境保护功在当代、利在千秋。',
  '这次宣讲活动共有三百多名党员群众参加。',
  '从一个小山村走出来，他始终没有忘记乡亲们的期盼。',
  '青年是国家的希望，民族的未来。',
  '共同富裕是社会主义的本质要求。',
  '要把党史学习教育成果转化为推动发展的强大动力。',
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

/** A manuscript of about `length` characters made of ordinary lecture sentences. */
export function manuscript(rand: () => number, length: number): string {
  let out = '';
  while (out.length < length) out += SENTENCES[Math.floor(rand() * SENTENCES.length)]!;
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
    summary: `${pick(SENTENCES)}${pick(SENTENCES)}`,
    manuscript_text: manuscript(rand, manuscriptLength),
  };
}
