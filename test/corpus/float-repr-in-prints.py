# ---
# description: Python prints floats and ints its own way: repr of floats, / versus //, floor modulo, f-string specs.
# pins: Objects/floatobject.c float_repr; Objects/longobject.c floor division
# clock: realistic
# outcome: ok
# expected:
# ---
import asyncio


async def main():
    total = 0.0
    for d in [0.1, 0.2]:
        total += d
    print(total, 0.3, total == 0.3)
    print(1 / 3, 2 ** -20, 10 / 2, 7 // 2, -7 // 2, -7 % 3)
    print(f"{total:.2f}", [1.0, 1e-06, 1e16], (1,))


asyncio.run(main())
