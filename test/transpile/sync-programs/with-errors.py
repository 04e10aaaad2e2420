# The context manager protocol's TypeErrors, and __aexit__ running on return, break and raise (issue 9).
import asyncio


async def hold(lock):
    async with lock:
        return lock.locked()


async def main():
    lock = asyncio.Lock()
    print(await hold(lock), lock.locked())
    for i in range(3):
        async with lock:
            if i == 1:
                break
    print(i, lock.locked())
    try:
        async with lock:
            raise KeyError("inside")
    except KeyError as e:
        print(repr(e), lock.locked())
    for manager in [5, None, "s", lock]:
        try:
            with manager:
                pass
        except TypeError as e:
            print(e)
    try:
        async with 5 as x:
            pass
    except TypeError as e:
        print(e)
    sem = asyncio.Semaphore(2)
    async with lock, sem as s:
        print(lock.locked(), sem.locked(), s)
    print(lock.locked(), sem.locked())
    async with lock:
        raise RuntimeError("escapes through __aexit__")

asyncio.run(main())
