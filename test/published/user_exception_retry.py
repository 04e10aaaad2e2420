# Pattern: retry with a user exception class.
import asyncio


class TransientError(Exception):
    def __init__(self, attempt):
        super().__init__(f"transient failure on attempt {attempt}")
        self.attempt = attempt


async def flaky(attempt):
    await asyncio.sleep(0.1)
    if attempt < 3:
        raise TransientError(attempt)
    return "ok"


async def main():
    for attempt in range(1, 5):
        try:
            result = await flaky(attempt)
        except TransientError as e:
            print(f"retrying: {e} ({e.attempt})")
        else:
            print("result:", result)
            break


asyncio.run(main())
