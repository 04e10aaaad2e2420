import asyncio
from dataclasses import dataclass


@dataclass
class Order:
    id: int
    item: str
    qty: int = 1

    def total(self, price):
        return self.qty * price


@dataclass
class Rush(Order):
    priority: int = 5

    def __post_init__(self):
        print("rush", self.id)


async def process(order):
    await asyncio.sleep(order.qty * 0.1)
    print("processed", order)
    return order.total(2.5)


async def main():
    orders = [Order(1, "tea"), Order(2, "cake", qty=3), Rush(3, "pie", 2)]
    print(await asyncio.gather(*[process(o) for o in orders]))
    print(Order(1, "tea") == Order(1, "tea"), Order(1, "tea") == Order(1, "tea", 2), Order.qty)
    try:
        Order(1)
    except TypeError as e:
        print(e)
    try:
        Order(1, "a", 2, 3)
    except TypeError as e:
        print(e)


asyncio.run(main())
