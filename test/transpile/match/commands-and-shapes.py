import asyncio


async def handle(command):
    await asyncio.sleep(0.1)
    match command.split():
        case ["go", direction] if direction in ("north", "south"):
            return f"going {direction}"
        case ["go", _]:
            return "can't go there"
        case ["drop", *objects]:
            return f"dropping {objects}"
        case ["quit" | "exit"]:
            return "bye"
        case [first, *middle, last]:
            return f"{first}..{middle}..{last}"
        case []:
            return "empty"
        case _:
            return "?"


def classify(x):
    match x:
        case 0 | 1:
            return "bit"
        case True:
            return "true"
        case None:
            return "none"
        case int(n) if n < 0:
            return f"negative {n}"
        case int() | float() as num:
            return f"number {num}"
        case str(s):
            return f"str {s!r}"
        case {"type": "point", "x": px, "y": py}:
            return f"point {px},{py}"
        case {"type": kind, **rest}:
            return f"{kind} {rest}"
        case (a, b):
            return f"pair {a} {b}"
        case [[a, b], *_] as nested:
            return f"nested {a} {b} {len(nested)}"
        case _:
            return "other"


async def main():
    for c in ["go north", "go west", "drop a b", "quit", "exit", "a b c d", "", "x"]:
        print(await handle(c))
    for v in [0, 1, True, None, -5, 7, 2.5, "hi", {"type": "point", "x": 1, "y": 2},
              {"type": "box", "w": 3, "h": 4}, (1, 2), [[5, 6], 7], [[1]], {1, 2}]:
        print(classify(v))

asyncio.run(main())
