import iconv from 'iconv-lite';
import { IngestError } from '../errors';

/**
 * Bytes → text for pages and text files published in mainland China and Taiwan: UTF-8 (with or
 * without BOM), GBK / GB2312 / GB18030 and Big5. The charset a page declares (HTTP header, then
 * `<meta charset>`) wins; otherwise valid UTF-8 is UTF-8, else whichever of GB18030 and Big5 reads
 * as common Chinese. Bytes the chosen charset cannot decode are refused with their byte offset,
 * never replaced by U+FFFD.
 */
export type Charset = 'utf-8' | 'gb18030' | 'big5' | 'utf-16le' | 'utf-16be';

export interface Decoded {
  text: string;
  charset: Charset;
  /** How the charset was chosen: 'bom', 'header', 'meta' or 'detected'. */
  by: 'bom' | 'header' | 'meta' | 'detected';
}

// GB2312 and GBK are subsets of GB18030; every name a server or page uses for them reads as it.
const NAMES: Record<string, Charset> = {
  'utf-8': 'utf-8', utf8: 'utf-8', 'unicode-1-1-utf-8': 'utf-8',
  gbk: 'gb18030', gb2312: 'gb18030', gb18030: 'gb18030', 'gb_2312-80': 'gb18030', cp936: 'gb18030', 'x-gbk': 'gb18030', 'euc-cn': 'gb18030', 'iso-ir-58': 'gb18030', chinese: 'gb18030', 'csgb2312': 'gb18030',
  big5: 'big5', 'big5-hkscs': 'big5', 'x-x-big5': 'big5', cp950: 'big5', 'cn-big5': 'big5', csbig5: 'big5',
  'utf-16le': 'utf-16le', 'utf-16': 'utf-16le', 'utf-16be': 'utf-16be',
};

export function charsetNamed(name: string | undefined): Charset | undefined {
  return name ? NAMES[name.trim().toLowerCase().replace(/^["']|["']$/g, '')] : undefined;
}

/** `charset=` of a Content-Type header value. */
export function charsetOfContentType(contentType: string | undefined): string | undefined {
  return contentType ? /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1] : undefined;
}

/** The charset a page declares in its first 4 KB: `<meta charset=…>` or http-equiv Content-Type. */
export function charsetOfMeta(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
}

export function decodeBytes(bytes: Uint8Array, opts: { contentType?: string; html?: boolean; name?: string } = {}): Decoded {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const what = opts.name ?? 'the file';
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: strict(buf.subarray(3), 'utf-8', what, 3), charset: 'utf-8', by: 'bom' };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: strict(buf.subarray(2), 'utf-16le', what, 2), charset: 'utf-16le', by: 'bom' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: strict(buf.subarray(2), 'utf-16be', what, 2), charset: 'utf-16be', by: 'bom' };
  const header = opts.contentType ? charsetOfContentType(opts.contentType) : undefined;
  const meta = opts.html ? charsetOfMeta(buf) : undefined;
  for (const [name, by] of [[header, 'header'], [meta, 'meta']] as const) {
    if (!name) continue;
    const cs = charsetNamed(name);
    if (!cs) throw new IngestError('UNDECODABLE', `${what} declares the charset "${name}", which is not one a Chinese report is published in (UTF-8, GBK/GB2312/GB18030, Big5)`);
    return { text: strict(buf, cs, what, 0), charset: cs, by };
  }
  if (utf8ErrorAt(buf) < 0) return { text: buf.toString('utf8'), charset: 'utf-8', by: 'detected' };
  // Not UTF-8: the legacy charset whose reading is valid and reads as ordinary Chinese.
  const tries = (['gb18030', 'big5'] as const).map((cs) => ({ cs, bad: legacyErrorAt(buf, cs) }));
  const valid = tries.filter((t) => t.bad < 0).map((t) => ({ cs: t.cs, text: iconv.decode(buf, t.cs) })).filter((t) => !t.text.includes('\ufffd'));
  if (!valid.length) {
    const at = Math.max(utf8ErrorAt(buf), ...tries.map((t) => t.bad));
    throw new IngestError('UNDECODABLE', `${what} is not valid UTF-8, GBK/GB18030 or Big5: undecodable bytes at byte offset ${at} (0x${buf.subarray(at, at + 4).toString('hex')})`);
  }
  const best = valid.map((t) => ({ ...t, score: commonShare(t.text) })).sort((a, b) => b.score - a.score)[0];
  return { text: best.text, charset: best.cs, by: 'detected' };
}

/** Decodes in one charset or refuses, naming the first byte that is not that charset's. */
function strict(buf: Buffer, cs: Charset, what: string, shift: number): string {
  let at = -1;
  if (cs === 'utf-8') at = utf8ErrorAt(buf);
  else if (cs === 'gb18030' || cs === 'big5') at = legacyErrorAt(buf, cs);
  else if (buf.length % 2) at = buf.length - 1;
  const text = at < 0 ? iconv.decode(buf, cs) : '';
  // A well-formed sequence the table has no character for also comes back as U+FFFD.
  if (at < 0 && text.includes('\ufffd') && !hasRealReplacement(buf, cs)) at = Buffer.byteLength(iconv.encode(text.slice(0, text.indexOf('\ufffd')), cs));
  if (at >= 0) throw new IngestError('UNDECODABLE', `${what} is not valid ${cs.toUpperCase()}: undecodable bytes at byte offset ${at + shift} (0x${buf.subarray(at, at + 4).toString('hex')})`);
  return text;
}

function hasRealReplacement(buf: Buffer, cs: Charset): boolean {
  return cs === 'utf-8' && buf.includes(Buffer.from([0xef, 0xbf, 0xbd]));
}

/** The byte offset of the first byte that is not well-formed UTF-8, or -1. */
export function utf8ErrorAt(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    // Overlong forms and surrogates.
    if ((c === 0xe0 && b[i + 1] < 0xa0) || (c === 0xed && b[i + 1] > 0x9f) || (c === 0xf0 && b[i + 1] < 0x90) || (c === 0xf4 && b[i + 1] > 0x8f)) return i;
    i += n + 1;
  }
  return -1;
}

/** The first byte that breaks GB18030's or Big5's byte structure, or -1. */
export function legacyErrorAt(b: Uint8Array, cs: 'gb18030' | 'big5'): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    if (c === 0x80 || c === 0xff || i + 1 >= b.length) return i;
    const t = b[i + 1];
    if (cs === 'gb18030' && t >= 0x30 && t <= 0x39) {
      if (i + 3 >= b.length || b[i + 2] < 0x81 || b[i + 2] > 0xfe || b[i + 3] < 0x30 || b[i + 3] > 0x39) return i;
      i += 4;
      continue;
    }
    const ok = cs === 'gb18030' ? t >= 0x40 && t <= 0xfe && t !== 0x7f : (t >= 0x40 && t <= 0x7e) || (t >= 0xa1 && t <= 0xfe);
    if (!ok) return i;
    i += 2;
  }
  return -1;
}

// The commonest characters of official Chinese prose, in both scripts: bytes read in the wrong
// charset give valid but rare characters.
const COMMON = new Set([...('的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严首底液官德随病苏失尔死讲配女黄推显谈罪神艺呢席含企望密批营项防举球英氧势告李台落木帮轮破亚师围注远字材排供河态封另施减树溶怎止案言士均武固叶鱼波视仅费紧爱左章早朝害续轻服试食充兵源判护司足某练差致板田降黑犯负击范继兴似余坚曲输修故城夫够送笔船占右财吃富春职觉汉画功巴跟虽杂飞检吸助升阳互初创抗考投坏策古径换未跑留钢曾端责站简述钱副尽帝射草冲承独令限阿宣环双请超微让控州良轴找否纪益依优顶础载倒房突坐粉敌略客袁冷胜绝析块剂测丝协诉念陈仍罗盐友洋错苦夜刑移频逐靠混母短皮终聚汽村云哪既距卫停烈央察烧迅境若印洲刻括激孔搞甚室待核校散侵吧甲游久菜味旧模湖货损预阻毫普稳乙妈植息扩银语挥酒守拿序纸医缺雨吗针刘啊急唱误训愿审附获茶鲜粮斤孩脱硫肥善龙演父渐血欢械掌歌沙刚攻谓盾讨晚粒乱燃矛乎杀药宁鲁贵钟煤读班伯香介迫句丰培握兰担弦蛋沉假穿执答乐谁顺烟缩征脸喜松脚困异免背星福买染井概慢怕磁倍祖皇促静补评翻肉践尼衣宽扬棉希伤操垂秋宜氢套督振架亮末宪庆编牛触映雷销诗座居抓裂胞呼娘景威绿晶厚盟衡鸡孙延危胶屋乡临陆顾掉呀灯岁措束耐剧玉赵跳哥季课凯胡额款绍卷齐伟蒸殖永宗苗川炉岩弱零杨奏沿露杆探滑镇饭浓航怀赶库夺伊灵税途灭赛归召鼓播盘裁险康唯录菌纯借糖盖横符私努堂域枪润幅哈竟熟虫泽脑壤碳欧遍侧寨敢彻虑斜薄庭纳弹饲伸折麦湿暗荷瓦塞床筑恶户访塔奇透梁刀旋迹卡氯遇份毒泥退洗摆灰彩卖耗夏择忙铜献硬予繁圈雪函亦抽篇阵阴丁尺追堆雄迎泛爸楼避谋吨野猪旗累偏典馆索秦脂潮爷豆忽托惊塑遗愈朱替纤粗倾尚痛楚谢奋购磨君池旁碎骨监捕弟暴割贯殊释词亡壁顿宝午尘闻揭炮残冬桥妇警综招吴付浮遭徐您摇谷赞箱隔订男吹园纷唐败宋玻巨耕坦荣闭湾键凡驻锅救恩剥凝碱齿截炼麻纺禁废盛版缓净睛昌婚涉筒嘴插岸朗庄街藏姑贸腐奴啦惯乘伙恢匀纱扎辩耳彪臣亿璃抵脉秀萨俄网舞店喷纵寸汗挂洪贺闪柬爆烯津稻墙软勇像滚厘蒙芳肯坡柱荡腿仪旅尾轧冰贡登黎削钻勒逃障氨郭峰币港伏轨亩毕擦莫刺浪秘援株健售股岛甘泡睡童铸汤阀休汇舍牧绕炸哲磷绩朋淡尖启陷柴呈徒颜泪稍忘泵蓝拖洞授镜辛壮锋贫虚弯摩泰幼廷尊窗纲弄隶疑氏宫姐震瑞怪尤琴循描膜违夹腰缘珠穷森枝竹沟催绳忆邦剩幸浆栏拥牙贮礼滤钠纹罢拍咱喊袖埃勤罚焦潜伍墨欲缝姓刊饱仿奖铝鬼丽跨默挖链扫喝袋炭污幕诸弧励梅奶洁灾舟鉴苯讼抱毁懂寒智埔寄届跃渡挑丹艰贝碰拔爹戴码梦芽熔赤渔哭敬颗奔铅仲虎稀妹乏珍申桌遵允隆螺仓魏锐晓氮兼隐碍赫拨忠肃缸牵抢博巧壳兄杜讯诚碧祥柯页巡矩悲灌龄伦票寻桂铺圣恐恰郑趣抬荒腾贴柔滴猛阔辆妻填撤储签闹扰紫砂递戏吊陶伐喂疗瓶婆抚臂摸忍虾蜡邻胸巩挤偶弃槽劲乳邓吉仁烂砖租乌舰伴瓜浅丙暂燥橡柳迷暖牌秧胆详簧踏瓷谱呆宾糊洛辉愤竞隙怒粘乃绪肩籍敏涂熙皆侦悬掘享纠醒狂锁淀恨牲霸爬赏逆玩陵祝秒浙貌役彼悉鸭趋凤晨畜辈秩卵署梯炎滩棋驱筛峡冒啥寿译浸泉帽迟硅疆贷漏稿冠嫩胁芯牢叛蚀奥鸣岭羊凭串塘绘酵融盆锡庙筹冻辅摄袭筋拒僚旱钾鸟漆沈眉疏添棒穗硝韩逼扭侨凉挺碗栽炒杯患馏劝豪辽勃鸿旦吏拜狗埋辊掩饮搬骂辞勾扣估蒋绒雾丈朵姆拟宇辑陕雕偿蓄崇剪倡厅咬驶薯刷斥番赋奉佛浇漫曼扇钙桃扶仔返俗亏腔鞋棱覆框悄叔撞骗勘旺沸孤吐孟渠屈疾妙惜仰狠胀谐抛霉桑岗嘛衰盗渗脏赖涌甜曹阅肌哩厉烃纬毅昨伪症煮叹钉搭茎笼酷偷弓锥恒杰坑鼻翼纶叙狱逮罐络棚抑膨蔬寺骤穆冶枯册尸凸绅坯牺焰轰欣晋瘦御锭锦丧旬锻垄搜扑邀亭酯迈舒脆酶闲忧酚顽羽涨卸仗陪辟惩杭姚肚捉飘漂昆欺吾郎烷汁呵饰萧雅邮迁燕撒姻赴宴烦债帐斑铃旨醇董饼雏姿拌傅腹妥揉贤拆歪葡胺丢浩徽昂垫挡览贪慰缴汪慌冯诺姜谊凶劣诬耀昏躺盈骑乔溪丛卢抹闷咨刮驾缆悟摘铒掷颇幻柄惠惨佳仇腊窝涤剑瞧堡泼葱罩霍捞胎苍滨俩捅湘砍霞邵萄疯淮遂熊粪烘宿档戈驳嫂裕徙箭捐肠撑晒辨殿莲摊搅酱屏疫哀蔡堵沫皱畅叠阁莱敲辖钩痕坝巷饿祸丘玄溜曰逻彭尝卿妨艇吞韦怨矮歇' + '這個國們來時為說會對於發過後與經還進現實動業機關無開問學點從當種權義長員執處應將務區級統縣規總職辦檢組織導設強題數項場據門間見著電車條萬議辦從與舉體網')]);

/** The share of Chinese characters that are among the commonest: near 0.6 for real prose. */
function commonShare(text: string): number {
  let cjk = 0;
  let common = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x3400 || c > 0x9fff) continue;
    cjk++;
    if (COMMON.has(ch)) common++;
  }
  return cjk ? common / cjk : 0;
}
