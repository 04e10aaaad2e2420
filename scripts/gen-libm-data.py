"""Writes runtime/libm_data.ts: the tables of glibc 2.36's log (e_log_data.c `__log_data`) and
sin/cos (sincostab.c `__sincostab`), read out of Debian 12's libm.so.6 itself rather than
retyped from the C source, so that no literal can be mistyped. The offsets are those of
Debian's glibc 2.36-9+deb12u14 build (build id below); the script refuses any other file.
    python3 scripts/gen-libm-data.py > runtime/libm_data.ts
"""
import struct
import subprocess
import sys

LIBM = '/lib/x86_64-linux-gnu/libm.so.6'
BUILD_ID = 'd6e6f9e3af1243eed9bf5efd366dd015a9f22c13'
LOG_DATA = 0xAB3A0  # __log_data: ln2hi, ln2lo, poly[5], poly1[11], tab[128], tab2[128]
SINCOSTAB = 0xA9D40  # __sincostab: 110 rows of sn, ssn, cs, ccs (x = i/128)

notes = subprocess.run(['readelf', '-n', LIBM], capture_output=True, text=True, check=True).stdout
if BUILD_ID not in notes:
    sys.exit(f'{LIBM} is not the libm.so.6 these offsets were read from (build id {BUILD_ID})')
data = open(LIBM, 'rb').read()


def doubles(offset, count):
    return struct.unpack_from(f'<{count}d', data, offset)


def lit(v):
    return "'0x0p+0'" if v == 0 else f"'{v.hex()}'"


def rows(values, width):
    return '\n'.join('  ' + ', '.join(lit(v) for v in values[k:k + width]) + ',' for k in range(0, len(values), width))


ln2hi, ln2lo = doubles(LOG_DATA, 2)
poly = doubles(LOG_DATA + 16, 5)
poly1 = doubles(LOG_DATA + 56, 11)
tab = doubles(LOG_DATA + 144, 256)
tab2 = doubles(LOG_DATA + 144 + 2048, 256)
sincos = doubles(SINCOSTAB, 440)
assert ln2hi == float.fromhex('0x1.62e42fefa3800p-1') and tab[0] == float.fromhex('0x1.734f0c3e0de9fp+0')
assert tab2[0] == float.fromhex('0x1.61000014fb66bp-1') and sincos[:4] == (0.0, 0.0, 1.0, 0.0)

print(f'''/**
 * The tables of glibc 2.36's log (sysdeps/ieee754/dbl-64/e_log_data.c, `__log_data`) and of
 * its IBM sin/cos (sincostab.c, `__sincostab`), written by scripts/gen-libm-data.py from
 * Debian 12's libm.so.6 (glibc 2.36-9+deb12u14, build id {BUILD_ID[:12]}...): the very
 * bits CPython's math.log, math.sin and math.cos read. Do not edit by hand.
 */
import {{ hexFloat }} from './pow_data.ts';

const doubles = (literals: readonly string[]): Float64Array => Float64Array.from(literals, hexFloat);

/** `__log_data.ln2hi`, `.ln2lo`. */
export const LOG_LN2HI = hexFloat({lit(ln2hi)});
export const LOG_LN2LO = hexFloat({lit(ln2lo)});

/** `__log_data.poly` (LOG_POLY_ORDER 6, A[0..4]): log1p(r) - r for |r| < 0x1.fp-9. */
export const LOG_POLY = doubles([{', '.join(lit(v) for v in poly)}]);

/** `__log_data.poly1` (LOG_POLY1_ORDER 12, B[0..10]): log(x) for x within 1 - 0x1p-4 .. 1 + 0x1.09p-4. */
export const LOG_POLY1 = doubles([
{rows(poly1, 4)}
]);

/** `__log_data.tab[i].invc`, `.logc` (i < 128), interleaved. */
export const LOG_TAB = doubles([
{rows(tab, 4)}
]);

/** `__log_data.tab2[i].chi`, `.clo`, interleaved: only the build without FMA reads them. */
export const LOG_TAB2 = doubles([
{rows(tab2, 4)}
]);

/** `__sincostab.x`: for x = i/128 (i < 110), sin(x) as sn + ssn and cos(x) as cs + ccs, at 4i. */
export const SINCOSTAB = doubles([
{rows(sincos, 4)}
]);''')
