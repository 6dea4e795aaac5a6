/**
 * Search normalisation shared by the index and the query: traditional characters become simplified,
 * Latin letters lower case, one character for one, so a hit found in the normalised text is at the
 * same place in the original (highlighting relies on that).
 *
 * Why a table of our own: a full converter (OpenCC and its ports) carries phrase dictionaries of
 * several megabytes to get one-to-many cases right, which search does not need; members mostly write
 * simplified text, and a lecture or query in traditional script only has to meet its simplified
 * twin. These are the common characters of names and of lecture topics, one-to-one only (characters
 * such as 乾/干 or 著/着 that are also valid simplified characters are left alone).
 */
const TRADITIONAL =
  '學習黨國會講課義經濟發實現們這個來時說為於與對動員區縣鄉鎮幹書記長專題業產農興紅歷傳統協調勞務組織領導愛憶雙過還進邊運達' +
  '遠選關門問聞間開闊陽陰際隊險難雞電靈風飛飯館馬驗體髮鬥魚鳥麥黃齊龍萬億僅價優儀兒兩則劃劇勝勢勵華單衛廠歲壓參雖響圖圓場壞' +
  '壯聲處備復夠奮婦孫寧寶將尋屬嶺師帶幫廣張強彈後從徵憲應懷戰戶擔據擁擇擊敵數斷晉東條極構標樹橋機檢權歡殘氣漢溝潔災無煙熱燈' +
  '爭爾牽獎獨獻環畫當盡盤眾礎確禮種稱穩窮競筆節範築簡糧紀約級紙純細終絕給維綠網緊線練總績繼續聖聯聽職肅脫腦臺舊艱藝莊蘇號衝' +
  '補裝製複見規視親覺觀計訂討訓託訪設許論證評詞試詩話該認語誠誤誰談請諸謝識譜護讀變讓貝負財責貧貨質貴費資賢賽贏贊趙跡蹤車軍' +
  '軌較載輕輝輩轉辦連週遊違遙適遷遺醫針鋼錄錢鐵鑒閃閱闡陳陸隨隱雜離雲靜頁頂項順須預頭頻額顏願類顧顯養餘驅驕齡蘭鑄礦貪鏈輸倫' +
  '僑創勳團園堅報塊壇夢奪寫屆層嶄幣庫廳彎徑態憑戲擴擬攜敗斂暢樂樣歐殲滅滬漁澤濱灣煉爺獲瑪疇療盧碼禦穀窩簽緣編繪羅腳膽臉艦蓋' +
  '蔣薦藥蟲術襲覽觸訊詳誌誕誼謀謂議譽豐貢貫賓賴購贈趕躍軟輔辭遞遜邁鄧鄭醜釋鈴銀銷鋒錦鍵鎖鏡閉閣閩陣階隸頌顆飄飲飽馮駐駕騰驚' +
  '鬧魯鳳鴻鵬鹽麗齒龜裡裏麼麵嚴嘆噸壩墾獅猶瓊畢異盜監碩禪積竊筍紐紡紮紳絲綱緒締緯縮繩罰罷翹聳脅膚艙莖萊葉蔥蕭薩藍蘆虛蠶衆襯' +
  '覓訴診註詠詢誇誘誦諒諾謙謠謹譯讚豎豬貓貞販貿賀賞賠賣賤賬賺趨踐蹟軀軒輛輪輯輿轄辯邏郵醬釀鈔鉛銅鋪錯鍋鍾鐘鑽閒閑閘陝隴韋韓' +
  '頓頒頗頸顛顫飼餅饒饑駛騎騙骯鬆鮮鯉鳴鴨鶴點龐祿銘偉傑濤穎瑩艷慶榮賈閆龔譚鄒喬楊劉圍歸廢滿漸準幾係繫蘋僕擺攝損搶掃揮換擾擠' +
  '揚銳鍛鑑韻飢餓驛髒鹼黴齋宮寢審寬憤懇懲懶懸戀戇撲擲攤敘斃晝曆曉曠朧棄棟棧楓槍樁橫檔櫃欄殼毀氈決沒況洶淚淺測渾湧溫滄滯漲潛' +
  '澀濃濕瀏灑灘烏煩燒燦爐犧狀獄獸瑤璣甦畝疊瘋癡皺盃睜瞞矯礙祕禍稅稜穫窪竄筧篤簾籃籌籠粵糾紛紋紗絡絞絹綁綜綴緩緬縫繞繳纏罈羨' +
  '聰脹腎膠臨舉蓮蔭蕩薑蘊虜蝦螞蠟裊褲襪訝詐誅諮謊謎譴讒豈貸賦賭贖躊軸輓轎辮遲鄰鈍鈞銜鋤錘鍍鏟鐲閥闖隕雛霧靂韌頑頰顎颯颶飆餵' +
  '饞馱駁駭騷驢驟鬱鮑鯨鷹黷齣';
const SIMPLIFIED =
  '学习党国会讲课义经济发实现们这个来时说为于与对动员区县乡镇干书记长专题业产农兴红历传统协调劳务组织领导爱忆双过还进边运达' +
  '远选关门问闻间开阔阳阴际队险难鸡电灵风飞饭馆马验体发斗鱼鸟麦黄齐龙万亿仅价优仪儿两则划剧胜势励华单卫厂岁压参虽响图圆场坏' +
  '壮声处备复够奋妇孙宁宝将寻属岭师带帮广张强弹后从征宪应怀战户担据拥择击敌数断晋东条极构标树桥机检权欢残气汉沟洁灾无烟热灯' +
  '争尔牵奖独献环画当尽盘众础确礼种称稳穷竞笔节范筑简粮纪约级纸纯细终绝给维绿网紧线练总绩继续圣联听职肃脱脑台旧艰艺庄苏号冲' +
  '补装制复见规视亲觉观计订讨训托访设许论证评词试诗话该认语诚误谁谈请诸谢识谱护读变让贝负财责贫货质贵费资贤赛赢赞赵迹踪车军' +
  '轨较载轻辉辈转办连周游违遥适迁遗医针钢录钱铁鉴闪阅阐陈陆随隐杂离云静页顶项顺须预头频额颜愿类顾显养余驱骄龄兰铸矿贪链输伦' +
  '侨创勋团园坚报块坛梦夺写届层崭币库厅弯径态凭戏扩拟携败敛畅乐样欧歼灭沪渔泽滨湾炼爷获玛畴疗卢码御谷窝签缘编绘罗脚胆脸舰盖' +
  '蒋荐药虫术袭览触讯详志诞谊谋谓议誉丰贡贯宾赖购赠赶跃软辅辞递逊迈邓郑丑释铃银销锋锦键锁镜闭阁闽阵阶隶颂颗飘饮饱冯驻驾腾惊' +
  '闹鲁凤鸿鹏盐丽齿龟里里么面严叹吨坝垦狮犹琼毕异盗监硕禅积窃笋纽纺扎绅丝纲绪缔纬缩绳罚罢翘耸胁肤舱茎莱叶葱萧萨蓝芦虚蚕众衬' +
  '觅诉诊注咏询夸诱诵谅诺谦谣谨译赞竖猪猫贞贩贸贺赏赔卖贱账赚趋践迹躯轩辆轮辑舆辖辩逻邮酱酿钞铅铜铺错锅钟钟钻闲闲闸陕陇韦韩' +
  '顿颁颇颈颠颤饲饼饶饥驶骑骗肮松鲜鲤鸣鸭鹤点庞禄铭伟杰涛颖莹艳庆荣贾闫龚谭邹乔杨刘围归废满渐准几系系苹仆摆摄损抢扫挥换扰挤' +
  '扬锐锻鉴韵饥饿驿脏碱霉斋宫寝审宽愤恳惩懒悬恋戆扑掷摊叙毙昼历晓旷胧弃栋栈枫枪桩横档柜栏壳毁毡决没况汹泪浅测浑涌温沧滞涨潜' +
  '涩浓湿浏洒滩乌烦烧灿炉牺状狱兽瑶玑苏亩叠疯痴皱杯睁瞒矫碍秘祸税棱获洼窜笕笃帘篮筹笼粤纠纷纹纱络绞绢绑综缀缓缅缝绕缴缠坛羡' +
  '聪胀肾胶临举莲荫荡姜蕴虏虾蚂蜡袅裤袜讶诈诛咨谎谜谴谗岂贷赋赌赎踌轴挽轿辫迟邻钝钧衔锄锤镀铲镯阀闯陨雏雾雳韧顽颊颚飒飓飙喂' +
  '馋驮驳骇骚驴骤郁鲍鲸鹰黩出';

const table = new Map<string, string>();
for (let i = 0; i < TRADITIONAL.length; i++) table.set(TRADITIONAL[i]!, SIMPLIFIED[i]!);
// One pass of a compiled character class: a listed page's manuscript is thousands of characters.
const traditional = new RegExp(`[${TRADITIONAL}]`, 'g');

/** Traditional → simplified for the characters in the table; everything else unchanged. */
export function toSimplified(text: string): string {
  return text.replace(traditional, (ch) => table.get(ch)!);
}

/** The form both the index and the query are compared in; keeps the length and every offset. */
export function normaliseForSearch(text: string): string {
  const simple = toSimplified(text);
  const lower = simple.toLowerCase();
  if (lower.length === simple.length) return lower;
  // A character whose lower case is longer (İ): lower the others one by one, keep that one.
  let out = '';
  for (const ch of simple) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}
