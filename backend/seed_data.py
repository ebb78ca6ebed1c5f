"""The demo catalogue: a Korean convenience store's shelves, with prices and how well each line sells.

`per_day` is the average units sold per day in a typical store; `season` says how the year moves it
(ice cream and cold drinks peak in July and August, hot instant food in winter, umbrellas in the
monsoon). Prices are shelf prices in won, VAT included.
"""

from __future__ import annotations

from dataclasses import dataclass

COMPANY_PREFIX = "8801234"  # 880 = Korea's GS1 prefix; the rest is a made-up company number


@dataclass(frozen=True)
class DemoCategory:
    code: str
    name_ko: str
    name_en: str
    age_restricted: bool = False


@dataclass(frozen=True)
class DemoProduct:
    category: str
    name_ko: str
    name_en: str
    price: int
    per_day: float
    season: str = "flat"  # flat | summer | summer_strong | winter | monsoon


CATEGORIES = [
    DemoCategory("drinks", "음료", "Drinks"),
    DemoCategory("snacks", "과자", "Snacks"),
    DemoCategory("instant", "간편식", "Instant food"),
    DemoCategory("dairy", "유제품", "Dairy"),
    DemoCategory("icecream", "아이스크림", "Ice cream"),
    DemoCategory("household", "생활용품", "Household"),
    DemoCategory("alcohol", "주류", "Alcohol", age_restricted=True),
]

PRODUCTS = [
    DemoProduct("drinks", "제주 삼다수 500ml", "Jeju Samdasoo water 500ml", 1000, 16, "summer"),
    DemoProduct("drinks", "코카콜라 500ml", "Coca-Cola 500ml", 2300, 8, "summer"),
    DemoProduct("drinks", "칠성사이다 500ml", "Chilsung Cider 500ml", 2100, 5, "summer"),
    DemoProduct("drinks", "포카리스웨트 620ml", "Pocari Sweat 620ml", 2500, 6, "summer_strong"),
    DemoProduct("drinks", "게토레이 600ml", "Gatorade 600ml", 2200, 3, "summer_strong"),
    DemoProduct("drinks", "맥심 티오피 아메리카노 275ml", "Maxim TOP Americano 275ml", 2500, 7),
    DemoProduct("drinks", "박카스F 120ml", "Bacchus-F 120ml", 1200, 5),
    DemoProduct("drinks", "광동 옥수수수염차 500ml", "Kwangdong corn silk tea 500ml", 2000, 4, "summer"),
    DemoProduct("drinks", "비타500 100ml", "Vita 500 100ml", 1400, 4),
    DemoProduct("drinks", "몬스터 에너지 355ml", "Monster Energy 355ml", 2500, 4),
    DemoProduct("drinks", "핫식스 250ml", "Hot6 250ml", 1600, 3),
    DemoProduct("drinks", "아침햇살 500ml", "Achim Haetsal rice drink 500ml", 1900, 1.5),
    DemoProduct("drinks", "토레타 500ml", "Toreta 500ml", 2000, 2, "summer"),
    DemoProduct("snacks", "농심 새우깡 90g", "Nongshim Shrimp Crackers 90g", 1500, 4),
    DemoProduct("snacks", "포카칩 오리지널 66g", "Poca Chip Original 66g", 1700, 3.5),
    DemoProduct("snacks", "허니버터칩 60g", "Honey Butter Chip 60g", 1700, 3),
    DemoProduct("snacks", "꼬북칩 콘스프맛 80g", "Kkobuk Chip corn soup 80g", 1700, 3),
    DemoProduct("snacks", "빼빼로 오리지널 54g", "Pepero Original 54g", 1700, 2.5),
    DemoProduct("snacks", "오리온 초코파이 2개입", "Orion Choco Pie 2-pack", 1000, 3),
    DemoProduct("snacks", "홈런볼 초코 46g", "Home Run Ball chocolate 46g", 1700, 2),
    DemoProduct("snacks", "오징어땅콩 98g", "Squid peanut balls 98g", 1700, 1.5),
    DemoProduct("snacks", "프링글스 오리지널 110g", "Pringles Original 110g", 3300, 1.5),
    DemoProduct("snacks", "칸쵸 54g", "Kancho 54g", 1500, 1),
    DemoProduct("snacks", "자유시간 36g", "Jayusigan chocolate bar 36g", 1200, 1.5),
    DemoProduct("instant", "신라면 큰사발", "Shin Ramyun big bowl", 1500, 7, "winter"),
    DemoProduct("instant", "진라면 매운맛 컵", "Jin Ramen spicy cup", 1200, 4, "winter"),
    DemoProduct("instant", "불닭볶음면 큰컵", "Buldak stir-fried noodles big cup", 1800, 6),
    DemoProduct("instant", "육개장 사발면", "Yukgaejang bowl noodles", 1100, 3, "winter"),
    DemoProduct("instant", "삼각김밥 참치마요", "Triangle kimbap tuna mayo", 1300, 9),
    DemoProduct("instant", "삼각김밥 전주비빔", "Triangle kimbap Jeonju bibim", 1300, 6),
    DemoProduct("instant", "제육볶음 도시락", "Spicy pork lunch box", 4900, 4),
    DemoProduct("instant", "햄치즈 샌드위치", "Ham and cheese sandwich", 2800, 3),
    DemoProduct("instant", "햇반 210g", "Hetbahn cooked rice 210g", 2000, 2),
    DemoProduct("instant", "오뚜기 컵밥 오삼덮밥", "Ottogi cup rice spicy squid and pork", 3800, 1.5),
    DemoProduct("instant", "숯불 후랑크 핫바", "Charcoal frankfurter hot bar", 2500, 2.5, "winter"),
    DemoProduct("dairy", "서울우유 200ml", "Seoul Milk 200ml", 1000, 5),
    DemoProduct("dairy", "빙그레 바나나맛우유 240ml", "Binggrae banana milk 240ml", 1700, 7),
    DemoProduct("dairy", "서울우유 딸기우유 300ml", "Seoul Milk strawberry 300ml", 1800, 2),
    DemoProduct("dairy", "요플레 오리지널 85g", "Yoplait Original 85g", 1100, 2),
    DemoProduct("dairy", "매일 두유 190ml", "Maeil soy milk 190ml", 1000, 2),
    DemoProduct("dairy", "덴마크 드링킹요구르트 275ml", "Denmark drinking yogurt 275ml", 1900, 1.5),
    DemoProduct("dairy", "상하 스트링치즈 2개입", "Sangha string cheese 2-pack", 2200, 1),
    DemoProduct("icecream", "메로나", "Melona", 1200, 5, "summer_strong"),
    DemoProduct("icecream", "월드콘", "World Cone", 2200, 3, "summer_strong"),
    DemoProduct("icecream", "붕어싸만코", "Bungeo Ssamanco", 2000, 2.5, "summer_strong"),
    DemoProduct("icecream", "비비빅", "Bibibig", 1200, 2, "summer_strong"),
    DemoProduct("icecream", "돼지바", "Dwaeji Bar", 1500, 2, "summer_strong"),
    DemoProduct("icecream", "설레임 밀크", "Seolleim milk", 1800, 2.5, "summer_strong"),
    DemoProduct("icecream", "스크류바", "Screw Bar", 1200, 1.5, "summer_strong"),
    DemoProduct("icecream", "투게더 900ml", "Together vanilla 900ml", 7900, 0.8, "summer"),
    DemoProduct("household", "물티슈 100매", "Wet wipes 100 sheets", 3500, 1),
    DemoProduct("household", "칫솔 2입", "Toothbrush 2-pack", 2500, 0.6),
    DemoProduct("household", "치약 120g", "Toothpaste 120g", 2800, 0.5),
    DemoProduct("household", "AA 건전지 2입", "AA batteries 2-pack", 3500, 0.6),
    DemoProduct("household", "일회용 우산", "Disposable umbrella", 7000, 0.6, "monsoon"),
    DemoProduct("household", "KF94 마스크 5매", "KF94 masks 5-pack", 4000, 0.8, "winter"),
    DemoProduct("household", "종이컵 50개", "Paper cups 50", 2500, 0.5),
    DemoProduct("alcohol", "참이슬 후레쉬 360ml", "Chamisul Fresh soju 360ml", 1950, 6, "winter"),
    DemoProduct("alcohol", "처음처럼 360ml", "Chum Churum soju 360ml", 1950, 4, "winter"),
    DemoProduct("alcohol", "카스 프레시 500ml 캔", "Cass Fresh beer 500ml can", 2900, 6, "summer"),
    DemoProduct("alcohol", "테라 500ml 캔", "Terra beer 500ml can", 2900, 4, "summer"),
    DemoProduct("alcohol", "하이네켄 500ml 캔", "Heineken 500ml can", 4000, 2.5, "summer"),
    DemoProduct("alcohol", "아사히 수퍼드라이 500ml 캔", "Asahi Super Dry 500ml can", 4500, 2, "summer"),
    DemoProduct("alcohol", "국순당 생막걸리 750ml", "Kooksoondang makgeolli 750ml", 2000, 1.5, "monsoon"),
]

PROMOTIONS_KO = [
    "여름 음료 2+1 행사 중! 시원한 음료 3개를 2개 가격에",
    "아이스크림 전 품목 1+1 (메로나, 월드콘, 설레임)",
    "삼각김밥 + 바나나맛우유 세트 구매 시 300원 할인",
    "주류는 만 19세 이상만 구매할 수 있습니다. 신분증을 준비해 주세요",
]


def ean13(item_number: int) -> str:
    """A valid EAN-13 barcode for the demo company's `item_number` (five digits)."""
    body = f"{COMPANY_PREFIX}{item_number:05d}"
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def sku(index: int, category: str) -> str:
    return f"{category[:3].upper()}-{index + 1:03d}"
