# ---
# description: Python prints floats and ints its own way: repr of floats, / versus //, floor modulo, f-string specs.
# pins: Objects/floatobject.c float_repr; Objects/longobject.c floor division
# clock: realistic
# outcome: ok
# expected:
#   ["0.30000000000000004 0.3 False\n",0.000001]
#   ["0.3333333333333333 9.5367431640625e-07 5.0 3 -4 2\n",0.000001]
#   ["0.30 [1.0, 1e-06, 1e+16] (1,)\n",0.000001]
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
