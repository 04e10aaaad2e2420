import asyncio
import math

events = []


async def source(n):
    for i in range(n):
        await asyncio.sleep(0.05)
        events.append({"kind": "tick", "n": i} if i % 3 else {"kind": "reset", "why": f"step {i}", "extra": i})
    events.append(("done", n))
    events.append(math.pi)


async def consumer():
    seen = 0
    while True:
        await asyncio.sleep(0.02)
        if not events:
            continue
        event = events.pop(0)
        match event:
            case {"kind": "tick", "n": int(n)} if n > 3:
                seen += n
                print("late tick", n, seen)
            case {"kind": "tick"}:
                print("tick")
            case {"kind": "reset", **others}:
                print("reset", others)
            case ("done", count):
                print("done after", count, "seen", seen)
            case math.pi:
                print("pi!")
                return seen
            case x:
                print("unknown", x)


async def main():
    task = asyncio.create_task(consumer())
    await source(7)
    print(await task)
    value = [1, [2, 3]]
    match value:
        case [value, [*inner]]:
            print(value, inner)

asyncio.run(main())
