import asyncio
import typing
from typing import Optional, List

count: int = 0

async def job(x: int, names: list[str] = [], *rest: int, flag: bool = False, **kw: str) -> Optional[int]:
    total: float = 0.5
    await asyncio.sleep(0.1)
    return x

async def main() -> None:
    y: typing.List[int] = [1]
    value = 3.14159
    name = "w"
    print(f"{value=}", f"{value = :.2f}", f"{name=!s}", f"{name = }", f"{y[0]+1=}", f"{value=:>10}")
    print(await job(1))

asyncio.run(main())
