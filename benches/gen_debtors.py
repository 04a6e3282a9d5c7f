#!/usr/bin/env python3
"""Synthetic one-page Chinese demand letters for the benchmark: N debtors, one item each."""
import csv
import random
import sys

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰堃喆珺"
STREETS = ["建国路", "中关村大街", "南京西路", "天河路", "文三路", "中山北路", "解放大道", "人民路"]
CITIES = ["北京市朝阳区", "上海市浦东新区", "广州市天河区", "杭州市西湖区", "南京市鼓楼区", "武汉市江汉区"]


def main() -> None:
    n = int(sys.argv[1])
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["id", "kind", "name", "title", "address", "postcode", "contract_title", "contract_no",
                  "contract_date", "property", "item", "amount_due", "amount_paid", "due_date"])
    rng = random.Random(42)
    for i in range(n):
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
        building, unit, room = rng.randint(1, 20), rng.randint(1, 4), rng.randint(101, 2802)
        out.writerow([
            f"B{i:07d}", "demand", name, rng.choice(["先生", "女士"]),
            f"{rng.choice(CITIES)}{rng.choice(STREETS)}{rng.randint(1, 999)}号{building}号楼{unit}单元{room}室",
            f"{rng.randint(100000, 999999)}", "《商品房买卖合同》", f"HT-2026-{i:06d}",
            f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", f"{building}号楼{unit}单元{room}室",
            f"第{rng.randint(2, 6)}期房款", f"{rng.randint(1000, 500000)}.{rng.randint(0, 99):02d}", "0",
            f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}",
        ])


if __name__ == "__main__":
    main()
