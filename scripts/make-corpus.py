#!/usr/bin/env python3
"""Writes N synthetic cases as a Casebook site, and optionally the same cases as a Hugo site.

usage: scripts/make-corpus.py [N] [DIR] [--seed S] [--hugo HUGO_DIR]
  N         how many cases (default 1000)
  DIR       the Casebook site (default /tmp/casebook-corpus-N): Content/ with site.yml (the built-in theme serves)
  --seed    the random seed (default 1); the same N and seed always give the same files
  --hugo    also write the cases as a Hugo site there, with the taxonomies district, mechanism and
            outcome and minimal layouts for the same pages: case, term, taxonomy list, home

Each case follows the schema of DESIGN.md: 4-8 KB of Chinese Markdown with headings, lists and a
quote; a 3-level district (province, city, district) in one of six provinces; 1-3 of 30 mechanisms;
1-3 of 20 outcomes; a date within ten years; and two or three key figures. The text is assembled
from phrase banks, so it reads like a bulletin but says nothing true.
"""
import argparse, os, random, shutil

MECHANISMS = [
    ("四方议事会", "sifang-yishihui"), ("时间银行", "shijian-yinhang"), ("党员楼长", "dangyuan-louzhang"),
    ("党员中心户", "dangyuan-zhongxinhu"), ("三方共管账户", "sanfang-gongguan-zhanghu"), ("三方联动", "sanfang-liandong"),
    ("居民议事厅", "jumin-yishiting"), ("楼栋微网格", "loudong-wei-wangge"), ("红色物业", "hongse-wuye"),
    ("双报到", "shuang-baodao"), ("志愿服务积分", "zhiyuan-fuwu-jifen"), ("邻里互助队", "linli-huzhudui"),
    ("民情恳谈会", "minqing-kentanhui"), ("社区基金", "shequ-jijin"), ("业委会规范化", "yeweihui-guifanhua"),
    ("网格员走访", "wanggeyuan-zoufang"), ("接诉即办", "jiesu-jiban"), ("居民公约", "jumin-gongyue"),
    ("院落自治", "yuanluo-zizhi"), ("共建单位认领", "gongjian-danwei-renling"), ("社区规划师", "shequ-guihuashi"),
    ("老旧小区改造议事", "laojiu-xiaoqu-gaizao-yishi"), ("物业服务评议", "wuye-fuwu-pingyi"), ("矛盾调解室", "maodun-tiaojieshi"),
    ("银发顾问团", "yinfa-guwentuan"), ("青年突击队", "qingnian-tujidui"), ("社会组织孵化", "shehui-zuzhi-fuhua"),
    ("公益创投", "gongyi-chuangtou"), ("线上议事群", "xianshang-yishiqun"), ("结对帮扶", "jiedui-bangfu"),
]
OUTCOMES = [
    ("充电设施建设", "chongdian-sheshi"), ("矛盾纠纷化解", "maodun-jiufen-huajie"), ("公共收益透明", "gonggong-shouyi-touming"),
    ("环境整治", "huanjing-zhengzhi"), ("停车秩序改善", "tingche-zhixu"), ("加装电梯", "jiazhuang-dianti"),
    ("养老服务提升", "yanglao-fuwu"), ("投诉量下降", "tousu-xiajiang"), ("物业费收缴率提高", "wuyefei-shoujiao"),
    ("居民参与度提高", "jumin-canyu"), ("安全隐患消除", "anquan-yinhuan"), ("邻里关系改善", "linli-guanxi"),
    ("垃圾分类落实", "laji-fenlei"), ("公共空间改造", "gonggong-kongjian"), ("困难群众帮扶", "kunnan-qunzhong"),
    ("儿童友好", "ertong-youhao"), ("平安社区", "pingan-shequ"), ("志愿者队伍壮大", "zhiyuanzhe-zhuangda"),
    ("违建拆除", "weijian-chaichu"), ("服务事项下沉", "fuwu-xiachen"),
]
PROVINCES = {
    ("甘肃省", "gansu"): [("天水市", "tianshui"), ("兰州市", "lanzhou"), ("酒泉市", "jiuquan")],
    ("湖北省", "hubei"): [("黄石市", "huangshi"), ("襄阳市", "xiangyang"), ("武汉市", "wuhan")],
    ("山东省", "shandong"): [("济南市", "jinan"), ("青岛市", "qingdao"), ("烟台市", "yantai")],
    ("广东省", "guangdong"): [("湛江市", "zhanjiang"), ("广州市", "guangzhou"), ("佛山市", "foshan")],
    ("浙江省", "zhejiang"): [("杭州市", "hangzhou"), ("宁波市", "ningbo"), ("温州市", "wenzhou")],
    ("四川省", "sichuan"): [("成都市", "chengdu"), ("绵阳市", "mianyang"), ("宜宾市", "yibin")],
}
AREAS = [("城东区", "chengdong"), ("城西区", "chengxi"), ("城南区", "chengnan"), ("城北区", "chengbei"),
         ("新城区", "xincheng"), ("高新区", "gaoxin")]

WHO = ["社区党委", "社区居委会", "街道办事处", "物业服务企业", "业主委员会", "楼栋长", "网格员", "驻区单位",
       "居民代表", "志愿者队伍", "老党员", "退休教师", "共建单位", "社会组织", "小区党支部", "居民小组长"]
DID = ["牵头召开协商会", "逐户上门征求意见", "梳理出问题清单", "拟定实施方案", "张贴公示结果", "组织现场踏勘",
       "建立工作台账", "邀请专业人员评估", "定期回访住户", "设立意见箱", "开通线上议事群", "签订服务承诺书",
       "明确责任分工", "制定轮值表", "召开情况通报会", "核算费用分摊"]
WHAT = ["楼道堆物", "电动车充电", "停车位紧张", "化粪池堵塞", "外墙脱落", "路灯不亮", "绿化带荒废", "垃圾清运不及时",
        "加装电梯", "屋面漏水", "噪声扰民", "独居老人照料", "物业费拖欠", "公共收益去向", "消防通道占用", "快递无处存放"]
HOW = ["先易后难、分批推进", "一事一议、结果公开", "居民出一点、单位支一点、社区筹一点", "小切口、见实效",
       "把决定权交给居民", "事前商量、事中监督、事后评议", "以点带面、逐步推开", "线上线下同步进行"]
VOICE = ["以前有事不知道找谁，现在楼长就住在隔壁，说一声就有人管。", "大家坐下来算清账，谁也没有意见。",
         "刚开始不少人观望，后来看到真办成了，报名的人越来越多。", "这件事拖了好几年，没想到商量几次就定下来了。",
         "账目每个月贴在楼道里，看得明明白白。", "我们老两口腿脚不便，志愿者每周都来看看。"]
HEADINGS = [("背景", "起因"), ("做法", "主要做法"), ("成效", "取得的变化"), ("经验", "几点体会")]


def sentence(rng):
    kind = rng.randrange(5)
    who, what = rng.choice(WHO), rng.choice(WHAT)
    if kind == 0:
        return f"针对{what}的问题，{who}{rng.choice(DID)}，并{rng.choice(DID)}。"
    if kind == 1:
        return f"{who}和{rng.choice(WHO)}按照“{rng.choice(HOW)}”的思路，{rng.choice(DID)}。"
    if kind == 2:
        return f"截至{rng.randint(2015, 2025)}年底，共有{rng.randint(20, 900)}户居民参与，累计{rng.choice(DID)}{rng.randint(3, 60)}次。"
    if kind == 3:
        return f"{what}曾是居民反映最多的事项，每月投诉约{rng.randint(10, 200)}件，{who}决定{rng.choice(DID)}。"
    return f"在{who}的推动下，小区{rng.choice(DID)}，{what}得到缓解。"


def paragraph(rng):
    return "".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def body(rng, n, target):
    parts = []
    while True:
        for short, long in HEADINGS:
            parts.append(f"## {rng.choice([short, long])}")
            parts.append(paragraph(rng))
            if short == "做法":
                parts.append("\n".join(f"{i}. {rng.choice(WHO)}{rng.choice(DID)}，做到{rng.choice(HOW)}。" for i in range(1, rng.randint(3, 6))))
            if short == "成效":
                parts.append(f"> {rng.choice(VOICE)}")
            if short == "经验":
                parts.append("\n".join(f"- **{rng.choice(HOW)}**：{sentence(rng)}" for _ in range(rng.randint(2, 4))))
            parts.append(paragraph(rng))
        text = "\n\n".join(parts)
        if len(text.encode()) >= target:
            break
    if n:
        text += f"\n\n另见[上一个案例](case-{n - 1:05d}.md)。"
    return text


def make_case(rng, n):
    (province, _), cities = rng.choice(sorted(PROVINCES.items()))
    city = rng.choice(cities)[0]
    area = rng.choice(AREAS)[0]
    mechanisms = [m for m, _ in rng.sample(MECHANISMS, rng.randint(1, 3))]
    outcomes = [o for o, _ in rng.sample(OUTCOMES, rng.randint(1, 3))]
    figures = []
    for label, unit in rng.sample([("参与户数", "户"), ("月均投诉", "件"), ("新增车位", "个"), ("志愿服务时长", "小时")], rng.randint(2, 3)):
        before = rng.randint(10, 500)
        figures.append((label, before, before + rng.randint(-before + 1, 600), unit))
    return {
        "n": n,
        "title": f"{area}{rng.choice(WHAT)}治理案例第{n + 1}号",
        "date": f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "district": [province, city, area],
        "mechanisms": mechanisms,
        "outcomes": outcomes,
        "summary": sentence(rng),
        "figures": figures,
        "body": body(rng, n, rng.randint(4000, 8000)),
    }


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def vocabulary(terms):
    return "".join(f"- name: {name}\n  slug: {slug}\n" for name, slug in terms)


def write_casebook(cases, target, here):
    shutil.rmtree(target, ignore_errors=True)
    write(f"{target}/Content/site.yml", "title: 合成案例库\ndescription: 用来测量构建速度的合成案例。\n"
                                        "language: zh-Hans\nbase_url: https://example.org/bench/\n")
    districts = [p for p in PROVINCES] + [c for cs in PROVINCES.values() for c in cs] + AREAS
    write(f"{target}/Content/vocabularies/districts.yml", vocabulary(districts))
    write(f"{target}/Content/vocabularies/mechanisms.yml", vocabulary(MECHANISMS))
    write(f"{target}/Content/vocabularies/outcomes.yml", vocabulary(OUTCOMES))
    for case in cases:
        figures = "".join(f"  - label: {label}\n    before: {before}\n    value: {value}\n    unit: {unit}\n"
                          for label, before, value, unit in case["figures"])
        write(f"{target}/Content/cases/case-{case['n']:05d}.md", f"""---
title: {case['title']}
date: {case['date']}
district: [{", ".join(case['district'])}]
mechanisms: [{", ".join(case['mechanisms'])}]
outcomes: [{", ".join(case['outcomes'])}]
summary: {case['summary']}
figures:
{figures}---

{case['body']}
""")


HUGO_CONFIG = """baseURL = "https://example.org/bench/"
languageCode = "zh-Hans"
title = "合成案例库"
hasCJKLanguage = true
relativeURLs = true
uglyURLs = true
[taxonomies]
  district = "districts"
  mechanism = "mechanisms"
  outcome = "outcomes"
[services.rss]
  limit = 50
"""

HUGO_LAYOUTS = {
    "baseof.html": """<!DOCTYPE html>
<html lang="zh-Hans"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body><nav><a href="{{ "/" | relURL }}">首页</a> <a href="{{ "/cases/" | relURL }}">全部案例</a>
<a href="{{ "/districts/" | relURL }}">地区</a> <a href="{{ "/mechanisms/" | relURL }}">治理机制</a>
<a href="{{ "/outcomes/" | relURL }}">治理成效</a></nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "_partials/card.html": """<article><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006年1月2日" }}</time> · {{ delimit .Params.place " · " }}</p>
<p>{{ .Params.summary }}</p>
<p>{{ range .GetTerms "mechanisms" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}{{ range .GetTerms "outcomes" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p></article>
""",
    "single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006年1月2日" }}</time></p>
<nav>{{ range .GetTerms "districts" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> › {{ end }}</nav>
<p>{{ .Params.summary }}</p>
<ul>{{ range .GetTerms "mechanisms" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}
{{ range .GetTerms "outcomes" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
<dl>{{ range .Params.figures }}<dt>{{ .label }}</dt><dd>{{ .before }} → {{ .value }} {{ .unit }}</dd>{{ end }}</dl>
{{ .Content }}
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</article>{{ end }}
""",
    "list.html": """{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ len .Pages }}</p>
{{ range .Pages }}{{ partial "card.html" . }}{{ end }}{{ end }}
""",
    "term.html": """{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ len .Pages }}</p>
{{ range .Pages }}{{ partial "card.html" . }}{{ end }}{{ end }}
""",
    "taxonomy.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}
""",
    "home.html": """{{ define "main" }}<h1>{{ site.Title }}</h1>
{{ range first 8 (where site.RegularPages "Section" "cases") }}{{ partial "card.html" . }}{{ end }}
{{ range $name, $taxonomy := site.Taxonomies }}<h2>{{ $name }}</h2>
<ul>{{ range $taxonomy.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}{{ end }}
""",
}


def write_hugo(cases, target):
    """The same cases for Hugo. A case's district terms are each prefix of its district, as
    Casebook lists a case on every level's page."""
    shutil.rmtree(target, ignore_errors=True)
    write(f"{target}/hugo.toml", HUGO_CONFIG)
    for name, text in HUGO_LAYOUTS.items():
        write(f"{target}/layouts/{name}", text)
    write(f"{target}/content/cases/_index.md", "---\ntitle: 全部案例\n---\n")
    quote = lambda items: ", ".join(f'"{item}"' for item in items)
    for case in cases:
        district = case["district"]
        prefixes = [" · ".join(district[:i]) for i in range(1, len(district) + 1)]
        figures = "".join(f"  - label: {label}\n    before: {before}\n    value: {value}\n    unit: {unit}\n"
                          for label, before, value, unit in case["figures"])
        write(f"{target}/content/cases/case-{case['n']:05d}.md", f"""---
title: "{case['title']}"
date: {case['date']}
districts: [{quote(prefixes)}]
place: [{quote(district)}]
mechanisms: [{quote(case['mechanisms'])}]
outcomes: [{quote(case['outcomes'])}]
summary: "{case['summary']}"
figures:
{figures}---

{case['body']}
""")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=1000)
    parser.add_argument("target", nargs="?")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hugo")
    args = parser.parse_args()
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    rng = random.Random(f"{args.seed}/{args.count}")
    cases = [make_case(rng, n) for n in range(args.count)]
    target = args.target or f"/tmp/casebook-corpus-{args.count}"
    write_casebook(cases, target, here)
    if args.hugo:
        write_hugo(cases, args.hugo)
    print(target)


if __name__ == "__main__":
    main()
