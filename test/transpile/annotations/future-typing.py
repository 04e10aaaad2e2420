from __future__ import annotations

import asyncio
from typing import Any, Awaitable, Callable, Dict, List, Optional

results: Dict[str, float] = {}
pending: list[asyncio.Task[Any]] = []


async def measure(name: str, delay: float, scale: Optional[float] = None) -> float:
    start: float = 0.0
    await asyncio.sleep(delay)
    elapsed: float = delay * (scale or 1.0)
    results[name] = elapsed
    return elapsed


def apply(fn: Callable[[int], int], values: List[int]) -> list[int]:
    out: list[int] = []
    for v in values:
        out.append(fn(v))
    return out


async def main() -> None:
    jobs: List[Awaitable[float]] = [measure(f"j{i}", 0.1 * i, scale=2.0) for i in range(3)]
    total = sum(await asyncio.gather(*jobs))
    print(f"{total=:.3f}", f"{len(results) = }", results)
    print(f"{apply(lambda n: n * n, [1, 2, 3])=}")
    name: str = "done"
    print(f"{name!r:>8}|{name=!s:<6}|")

if __name__ == "__main__":
    asyncio.run(main())
