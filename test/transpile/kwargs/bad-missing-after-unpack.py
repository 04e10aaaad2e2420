import asyncio

def f(a, b=[], *args, c=0, **kw):
    b.append(a)
    return (a, b, args, c, kw)

def h(**options):
    return options

async def worker(name, delay=0.1, **extra):
    await asyncio.sleep(delay)
    print(name, extra)
    return len(extra)

async def main():
    print(f(1, c=3))
    print(f(2, x=4, y=5))
    opts = {'y': 1, 'z': [2]}
    print(f(3, **opts))
    print(h(b=1, a=2, **{'c': 3}), h())
    g = h
    print(g(**opts, w=0))
    t = asyncio.create_task(worker('w', **{'delay': 0.2, 'k': 1}))
    print(await worker('v', k2=2), await t)
    for bad in [lambda: h(**[1]), lambda: h(a=1, **{'a': 2}), lambda: g(**{1: 2}), lambda: f(1, 2, b=3), lambda: (lambda x: x)(**{'y': 1})]:
        try:
            bad()
        except TypeError as e:
            print('TypeError', e)
    print(f(1, **{'a2': 5}))
    f(**{'q': 1})

asyncio.run(main())
