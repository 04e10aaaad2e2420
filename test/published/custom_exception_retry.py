# Source: a common tutorial pattern (a custom exception class raised in a coroutine and retried).
import asyncio


class TransientError(Exception):
    def __init__(self, attempt):
        super().__init__(f"transient failure on attempt {attempt}")
        self.attempt = attempt


class FlakyService:
    def __init__(self, failures):
        self.failures = failures
        self.calls = 0

    async def call(self):
        self.calls += 1
        await asyncio.sleep(0.5)
        if self.calls <= self.failures:
            raise TransientError(self.calls)
        return "ok"


async def call_with_retry(service, retries):
    for attempt in range(1, retries + 1):
        try:
            return await service.call()
        except TransientError as e:
            print(f"attempt {attempt}: {e}")
    raise RuntimeError("all retries failed")


async def main():
    print(await call_with_retry(FlakyService(2), 5))
    try:
        await call_with_retry(FlakyService(9), 3)
    except RuntimeError as e:
        print("error:", e)


asyncio.run(main())
