import asyncio


class AppError(Exception):
    """The base of this program's errors."""


class RetryableError(AppError):
    def __init__(self, attempt):
        super().__init__(f"attempt {attempt} failed")
        self.attempt = attempt


class QuietError(ValueError):
    def __init__(self):
        self.detail = "no super call"

    def __repr__(self):
        return "QuietError!"


class Fetcher:
    def __init__(self, fail_times):
        self.fail_times = fail_times
        self.calls = 0

    async def fetch(self, key):
        self.calls += 1
        await asyncio.sleep(0.5)
        if self.calls <= self.fail_times:
            raise RetryableError(self.calls)
        return f"value-{key}"


async def with_retries(fetcher, key, attempts):
    for i in range(attempts):
        try:
            return await fetcher.fetch(key)
        except RetryableError as e:
            print("retry after", e, e.attempt, e.args, isinstance(e, AppError))
    raise AppError("gave up on " + key)


async def main():
    print(await with_retries(Fetcher(2), "a", 3))
    task = asyncio.create_task(with_retries(Fetcher(5), "b", 2))
    try:
        await task
    except AppError as e:
        print("task failed:", repr(e), type(e).__name__, task.done())
    q = QuietError()
    print(repr(q), str(q) == "", q.args, q.detail)
    try:
        raise QuietError
    except (KeyError, ValueError) as e:
        print("caught", type(e).__name__)
    raise RetryableError(9) from None


asyncio.run(main())
