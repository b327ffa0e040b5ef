#!/usr/bin/env python3
"""Writes a synthetic bulletin of N cases (default 1000) for timing builds.

usage: scripts/make-corpus.py [N] [DIR]   (DIR defaults to /tmp/casebook-corpus-N)
The corpus reuses the sample's Templates/ and vocabularies; bodies are about 6 KB of Markdown.
"""
import os, random, shutil, sys

count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
target = sys.argv[2] if len(sys.argv) > 2 else f"/tmp/casebook-corpus-{count}"
here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
random.seed(count)

shutil.rmtree(target, ignore_errors=True)
os.makedirs(f"{target}/Content/cases")
shutil.copytree(f"{here}/Templates", f"{target}/Templates")
shutil.copytree(f"{here}/Content/vocabularies", f"{target}/Content/vocabularies")
shutil.copy(f"{here}/Content/site.yml", f"{target}/Content/site.yml")

def names(kind):
    return [line.split(":", 1)[1].strip() for line in open(f"{here}/Content/vocabularies/{kind}.yml", encoding="utf-8")
            if line.startswith("- name:")]

mechanisms, outcomes = names("mechanisms"), names("outcomes")
provinces = {"甘肃省": ["天水市", "兰州市"], "湖北省": ["黄石市", "襄阳市", "武汉市"], "山东省": ["济南市", "青岛市"], "广东省": ["湛江市", "广州市"]}
paragraph = "居民代表、物业和社区工作人员围绕小区里的具体问题反复商量，形成办法后分工落实，并把结果张贴公示。" * 3

for n in range(count):
    province = random.choice(sorted(provinces))
    city = random.choice(provinces[province])
    district = [province, city, f"第{random.randint(1, 6)}区", f"第{random.randint(1, 9)}街道", f"第{random.randint(1, 20)}社区"]
    body = "\n\n".join(f"## 第{i}部分\n\n{paragraph}\n\n- 要点一：{paragraph[:40]}\n- 要点二：**{paragraph[40:80]}**"
                       for i in range(1, 9))
    link = f"\n\n另见[上一个案例](case-{n - 1:05d}.md)。" if n else ""
    with open(f"{target}/Content/cases/case-{n:05d}.md", "w", encoding="utf-8") as f:
        f.write(f"""---
title: 合成案例 {n}
date: {random.randint(2015, 2024)}-{random.randint(1, 12):02d}-{random.randint(1, 28):02d}
district: [{", ".join(district)}]
mechanisms: [{", ".join(random.sample(mechanisms, 2))}]
outcomes: [{", ".join(random.sample(outcomes, 2))}]
summary: 第 {n} 个合成案例，用于测量构建速度。
figures:
  - label: 参与户数
    before: {random.randint(10, 99)}
    value: {random.randint(100, 999)}
    unit: 户
---

{body}{link}
""")
print(target)
