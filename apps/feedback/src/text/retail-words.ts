/**
 * Retail words the segmenter must keep whole (added to jieba's dictionary with a high
 * frequency), and words that carry no meaning for "what do customers complain about".
 */
export const RETAIL_WORDS_ZH = [
  '退货', '换货', '退款', '优惠券', '收银员', '收银台', '会员卡', '积分', '小票', '发票', '保质期', '过期', '临期',
  '变质', '发霉', '缺斤少两', '少找钱', '多收钱', '扫码', '支付宝', '微信支付', '排队', '服务态度', '店员', '导购',
  '促销', '满减', '打折', '价签', '标价', '货架', '购物车', '停车场', '卫生间', '冷柜', '生鲜', '熟食', '外卖', '配送',
  '送货', '售后', '保修', '维修', '质量问题', '包装破损', '异物', '虚假宣传', '价格不符', '会员日', '生日礼', '客服',
  '电话', '投诉', '到账', '配送员', '保修期', '服务台', '生产日期', '电饭煲', '自助收银', '地面湿滑', '异味', '空调', '试吃', '赠品', '以旧换新', '充电宝', '电池', '屏幕', '鸡蛋', '牛奶', '面包',
] as const;

export const STOP_WORDS_ZH = new Set([
  '的', '了', '是', '我', '你', '他', '她', '它', '我们', '你们', '他们', '在', '和', '与', '也', '都', '就', '还', '又',
  '很', '太', '非常', '特别', '真的', '一个', '一下', '一次', '这个', '那个', '这', '那', '有', '没有', '没', '不', '不能',
  '不是', '会', '能', '可以', '要', '想', '说', '让', '把', '被', '给', '对', '到', '从', '去', '来', '上', '下', '里', '后',
  '时候', '今天', '昨天', '已经', '还是', '但是', '而且', '因为', '所以', '如果', '怎么', '什么', '为什么', '吗', '呢', '吧',
  '啊', '呀', '哦', '个', '次', '件', '些', '请', '希望', '处理', '问题', '情况', '结果', '时', '等', '才', '再', '却', '得',
  '着', '过', '地', '东西', '如何', '怎样', '哪里', '可否', '块钱', '小时', '期内', '一分', '买', '用', '看', '一', '二', '三', '两', '多', '少', '好', '差', '大', '小', '门店', '你们的', '居然',
])

export const STOP_WORDS_EN = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'if', 'then', 'so', 'to', 'of', 'in', 'on', 'at', 'for', 'with', 'from', 'by', 'about',
  'as', 'into', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'i', 'me', 'my', 'we', 'our', 'you', 'your', 'he',
  'she', 'it', 'its', 'they', 'them', 'their', 'this', 'that', 'these', 'those', 'there', 'here', 'have', 'has', 'had', 'do',
  'does', 'did', 'not', 'no', 'yes', 'very', 'too', 'just', 'only', 'also', 'again', 'still', 'even', 'all', 'any', 'some',
  'what', 'when', 'where', 'why', 'how', 'which', 'who', 'can', 'could', 'would', 'should', 'will', 'shall', 'may', 'might',
  'must', 'get', 'got', 'today', 'yesterday', 'one', 'two', 'after', 'before', 'than', 'out', 'up', 'down', 'off', 'over',
  'please', 'want', 'wanted', 'said', 'told', 'asked', 'store', 'bought', 'buy', 'time', 'times', 'dont', "don't", 'didnt',
  "didn't", 'wasnt', "wasn't", 'isnt', "isn't", 'more', 'much', 'many', 'because', 'while', 'being', 'im', "i'm",
])
