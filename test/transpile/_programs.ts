/**
 * Hand-built IR programs that, together, use every node kind of ir/program.ts (and the
 * Python corners the transpiler must respect). Each runs on CPython and on the port.
 */
import type { Program } from '../../ir/program.ts';
import {
  adef, aio, and, aug, aw, bin, bool, brk, builtin, call, cmp, comp, cont, def, expr, float, for_, fstr, if_, ifExp, int,
  list, method, name, none, or, pass, print, printKw, program, ret, set, star, str, sub, t, tt, ts, tuple, unary, while_,
} from './_ir.ts';

const n = name;

export const PROGRAMS: Record<string, Program> = {
  literalsAndOperators: program([
    adef('main', [], [
      print(int(7), float(0.1), float(1e16), float(-0.0), str("it's"), bool(true), none, list(int(1), str('a')), tuple(int(1)), tuple()),
      print(bin(int(-7), '//', int(2)), bin(int(-7), '%', int(2)), bin(float(7.5), '%', int(-2)), bin(int(1), '/', int(3)), bin(int(2), '**', int(-1))),
      print(bin(float(0.1), '+', float(0.2)), bin(int(1), '+', float(0.5)), bin(str('ab'), '*', int(3)), bin(list(int(0)), '*', int(2)), bin(tuple(int(1)), '+', tuple(int(2)))),
      print(bin(str('%d items, %.2f'), '%', tuple(int(3), float(2.5))), bin(int(2), '**', int(100))),
      print(cmp(int(1), ['<', int(2)], ['<=', float(2.0)], ['<', int(3)]), cmp(int(1), ['==', float(1.0)]), cmp(list(int(1)), ['==', list(float(1.0))])),
      print(cmp(int(2), ['in', list(int(1), int(2))]), cmp(str('x'), ['not in', str('abc')]), cmp(none, ['is', none]), cmp(int(1), ['is not', none])),
      print(and(int(1), str(''), int(3)), or(int(0), str(''), list(int(5))), and(bool(true), bool(false)), or(none, int(0))),
      print(unary('not', list()), unary('-', int(5)), unary('-', float(2.5)), unary('+', bool(true)), unary('-', bool(true))),
      print(ifExp(list(), str('yes'), str('no')), ifExp(int(3), int(1), float(2.0))),
      print(fstr('x=', { value: int(5) }, ' pi=', { value: float(3.14159), spec: '.2f' }, ' r=', { value: str('a'), conversion: 'r' }, ' `${q}` \\ {}')),
      print(fstr({ value: int(1234567), spec: ',' }, '|', { value: str('ab'), spec: '^6' }, '|', { value: float(0.5), spec: '.0%' }, '|', { value: list(int(1)), conversion: 's', spec: '>5' })),
      printKw([int(1), int(2), int(3)], { sep: str('-'), end: str('!\n') }),
      print(star(list(int(1), int(2))), star(tuple(str('a'))), star(builtin('range', [int(2)]))),
      print(list(star(list(int(1))), int(2)), tuple(star(str('ab')))),
    ]),
  ]),

  controlFlow: program([
    adef('main', [], [
      set('total', int(0)),
      for_('i', builtin('range', [int(1), int(10), int(2)]), [aug('total', '+', n('i'))]),
      print(str('total'), n('total')),
      for_('c', str('hé'), [print(n('c'))]),
      for_('x', tuple(int(1), float(2.0)), [print(n('x'))]),
      for_(tt(t('k'), t('v')), builtin('enumerate', [list(str('a'), str('b'))], { start: int(1) }), [print(n('k'), n('v'))]),
      for_(tt(t('a'), tt(t('b'), t('c'))), list(tuple(int(1), tuple(int(2), int(3)))), [print(n('a'), n('b'), n('c'))]),
      for_(tt(t('p'), t('q')), builtin('zip', [list(int(1), int(2), int(3)), str('xy')]), [print(n('p'), n('q'))]),
      set('j', int(0)),
      while_(bool(true), [
        aug('j', '+', int(1)),
        if_(cmp(bin(n('j'), '%', int(2)), ['==', int(0)]), [cont]),
        if_(cmp(n('j'), ['>', int(7)]), [brk], [if_(cmp(n('j'), ['==', int(3)]), [print(str('three'))], [pass])]),
        print(str('odd'), n('j')),
      ]),
      while_(cmp(n('j'), ['>', int(0)]), [aug('j', '-', int(4))]),
      print(n('j'), n('i'), n('c')),
      if_(list(), [print(str('no'))], [if_(str(''), [print(str('no'))], [print(str('else'))])]),
    ]),
  ]),

  valuesAndBuiltins: program([
    adef('main', [], [
      set('xs', list(int(3), int(1), int(2))),
      expr(method(n('xs'), 'append', [int(-1)])),
      print(n('xs'), sub(n('xs'), int(-1)), method(n('xs'), 'pop'), method(n('xs'), 'pop', [int(0)]), n('xs')),
      set(ts(n('xs'), int(-1)), int(9)),
      aug(ts(n('xs'), int(0)), '*', int(10)),
      set('ys', n('xs')),
      aug('ys', '+', list(int(4))),
      print(n('xs'), n('ys'), cmp(n('xs'), ['is', n('ys')])),
      set(tt(t('a'), t('b')), tuple(int(1), str('two'))),
      set(tt(t('a'), t('b')), tuple(n('b'), n('a'))),
      print(n('a'), n('b')),
      set(tt(t('p'), ts(n('xs'), int(0)), tt(t('q'), t('r'))), list(str('P'), int(0), str('QR'))),
      print(n('p'), n('q'), n('r'), n('xs')),
      print(builtin('len', [str('héllo')]), builtin('min', [n('xs')]), builtin('max', [int(1), float(5.5), int(3)]), builtin('sum', [list(int(1), float(0.5))]), builtin('sorted', [list(int(3), int(1), int(2))], { reverse: bool(true) })),
      print(builtin('round', [float(2.5)]), builtin('round', [float(2.675), int(2)]), builtin('abs', [int(-3)]), builtin('int', [str(' 42 ')]), builtin('float', [str('1e3')]), builtin('str', [float(1.0)]), builtin('repr', [str('q')]), builtin('bool', [int(0)])),
      print(builtin('list', [builtin('range', [int(3)])]), builtin('tuple', [str('ab')]), builtin('range', [int(0), int(10), int(3)]), builtin('list', [builtin('zip', [str('ab'), list(int(1), int(2))])])),
      print(comp(bin(n('x'), '*', n('x')), [t('x'), builtin('range', [int(6)]), [cmp(bin(n('x'), '%', int(2)), ['==', int(0)])]])),
      print(comp(tuple(n('x'), n('y')), [t('x'), builtin('range', [int(3)])], [t('y'), builtin('range', [n('x')])])),
      print(comp(bin(n('k'), '+', n('v')), [tt(t('k'), t('v')), list(tuple(str('a'), str('b')), tuple(str('c'), str('d')))])),
      set('x', str('outer')),
      print(comp(n('x'), [t('x'), list(int(1))]), n('x')),
    ]),
  ]),

  functionsAndCalls: program([
    def('describe', ['a', ['b', int(2)], ['c', str('c')]], [ret(fstr({ value: n('a') }, '-', { value: n('b') }, '-', { value: n('c') }))]),
    def('collect', ['x', ['acc', list()]], [expr(method(n('acc'), 'append', [n('x')])), ret(n('acc'))]),
    def('noisy', ['label', 'value'], [print(str('eval'), n('label')), ret(n('value'))]),
    def('nothing', [], [pass]),
    def('fact', ['k'], [if_(cmp(n('k'), ['<=', int(1)]), [ret(int(1))]), ret(bin(n('k'), '*', call('fact', [bin(n('k'), '-', int(1))])))]),
    adef('main', [], [
      print(call('describe', [int(1)]), call('describe', [int(1)], { c: str('z') }), call('describe', [], { c: int(3), a: int(0) })),
      print(call('collect', [int(1)]), call('collect', [int(2)]), call('collect', [int(3), list()])),
      print(call('describe', [], { c: call('noisy', [str('c'), int(3)]), a: call('noisy', [str('a'), int(1)]) })),
      set('args', list(int(7), int(8))),
      print(call('describe', [star(n('args'))]), call('nothing'), call('fact', [int(20)])),
      print(n('counter'), n('shout')),
    ]),
  ], [
    set('counter', int(41)),
    aug('counter', '+', int(1)),
    set('shout', builtin('str', [n('counter')])),
    for_('i', builtin('range', [int(2)]), [print(str('module'), n('i'))]),
    expr(aio('run', [call('main')])),
  ]),

  tasksAndGather: program([
    adef('worker', ['name', 'delay'], [
      print(str('start'), n('name')),
      expr(aw(aio('sleep', [n('delay')]))),
      print(str('end'), n('name')),
      ret(bin(n('name'), '*', int(2))),
    ]),
    adef('fails', [], [expr(aw(aio('sleep', [int(0)]))), ret(bin(int(1), '//', int(0)))]),
    adef('main', [], [
      set('c', call('worker', [str('lazy'), int(0)])),
      print(str('created, not started')),
      print(aw(n('c'))),
      set('tasks', comp(aio('create_task', [call('worker', [n('s'), bin(float(0.01), '*', n('k'))])]), [tt(t('k'), t('s')), builtin('enumerate', [list(str('a'), str('b'), str('c'))])])),
      set('first', sub(n('tasks'), int(0))),
      // Task names in printed text would need renumbering (CPython's C counter is global): test membership.
      print(method(n('first'), 'done'), cmp(str('Task-'), ['in', method(n('first'), 'get_name')])),
      set('results', aw(aio('gather', [star(n('tasks'))]))),
      print(n('results'), method(n('first'), 'done'), method(n('first'), 'result'), method(n('first'), 'cancelled')),
      set('t1', aio('create_task', [call('worker', [str('x'), int(1)])])),
      expr(aw(aio('sleep', [int(0)]))),
      print(str('cancel'), method(n('t1'), 'cancel')),
      expr(aw(aio('sleep', [int(0)]))),
      print(method(n('t1'), 'cancelled'), cmp(str('Task-'), ['in', method(aio('current_task'), 'get_name')]), builtin('len', [aio('all_tasks')])),
      print(aw(aio('gather', [call('fails'), aio('sleep', [float(0.01), str('slept')])], { return_exceptions: bool(true) }))),
      print(comp(aw(n('tt')), [t('tt'), list(aio('create_task', [aio('sleep', [int(0), int(5)])]), aio('create_task', [aio('sleep', [int(0), int(6)])]))])),
      print(aw(aio('sleep', [float(0.5)], { result: str('done') }))),
      ret(str('main result')),
    ]),
  ], [print(aio('run', [call('main')]))]),

  reservedNames: program([
    def('delete', ['this', ['new', int(1)]], [set('function', bin(n('this'), '+', n('new'))), ret(n('function'))]),
    adef('main', [], [set('var', call('delete', [int(1)], { new: int(2) })), set('let', bin(n('var'), '*', int(2))), print(n('var'), n('let'))]),
  ]),

  syncCallsRun: program([
    adef('job', [], [expr(aw(aio('sleep', [float(0.1)]))), ret(int(5))]),
    def('runner', [], [ret(bin(aio('run', [call('job')]), '+', int(1)))]),
  ], [print(call('runner')), print(call('runner'))]),

  escapesIndexError: program([
    adef('main', [], [set('xs', list(int(1))), print(str('before')), print(sub(n('xs'), int(3)))]),
  ]),

  escapesFromTask: program([
    adef('bad', [], [expr(aw(aio('sleep', [float(0.1)]))), ret(bin(int(1), '/', int(0)))]),
    adef('main', [], [set('t', aio('create_task', [call('bad')])), print(str('waiting')), expr(aw(n('t')))]),
  ]),

  escapesBadCall: program([
    def('two', ['a', 'b'], [ret(n('a'))]),
    adef('main', [], [print(call('two', [int(1)]))]),
  ]),

  escapesNameError: program([adef('main', [], [print(n('missing'))])]),

  escapesTypeError: program([adef('main', [], [print(bin(int(1), '+', str('a')))])]),
};
