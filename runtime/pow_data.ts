/**
 * The tables of glibc 2.36's pow: sysdeps/ieee754/dbl-64/e_pow_log_data.c (`__pow_log_data`)
 * and the part of e_exp_data.c (`__exp_data`) that pow uses. Both come from Arm's
 * optimized-routines. The literals are the C source's, in the same order; the values were
 * checked bit for bit against the tables in Debian's libm.so.6 (glibc 2.36-9+deb12u14).
 */

/** Parses a C hexadecimal floating literal such as `-0x1.62e42fefa3800p-1` (exactly). */
export function hexFloat(literal: string): number {
  const match = /^(-?)0x([01])(?:\.([0-9a-f]{1,13}))?p([+-]?\d+)$/.exec(literal);
  if (!match) throw new Error(`not a hexadecimal double literal: ${literal}`);
  const [, sign, lead, fraction = '', exponent] = match;
  const significand = Number(BigInt(`0x${lead}${fraction}`)); // 53 bits at most: exact
  const value = significand * 2 ** (Number(exponent) - 4 * fraction.length);
  return sign ? -value : value;
}

// ----------------------------------------------------------------- e_pow_log_data.c

/** POW_LOG_TABLE_BITS: the log table has 1 << 7 entries. */
export const POW_LOG_TABLE_BITS = 7;

/** `__pow_log_data.ln2hi`, `.ln2lo`. */
export const LN2HI = hexFloat('0x1.62e42fefa3800p-1');
export const LN2LO = hexFloat('0x1.ef35793c76730p-45');

/**
 * `__pow_log_data.poly` (POW_LOG_POLY_ORDER 8; the first coefficient, 1, is implicit).
 * Relative error 0x1.11922ap-70 in [-0x1.6bp-8, 0x1.6bp-8]; the coefficients are scaled
 * to match the scaling during evaluation.
 */
export const POW_LOG_POLY: readonly number[] = [
  hexFloat('-0x1p-1'),
  hexFloat('0x1.555555555556p-2') * -2,
  hexFloat('-0x1.0000000000006p-2') * -2,
  hexFloat('0x1.999999959554ep-3') * 4,
  hexFloat('-0x1.555555529a47ap-3') * 4,
  hexFloat('0x1.2495b9b4845e9p-3') * -8,
  hexFloat('-0x1.0002b8b263fc3p-3') * -8,
];

/**
 * `__pow_log_data.tab[i]`, as the arrays `INVC`, `LOGC`, `LOGCTAIL` (the C struct's `pad`
 * field is dropped). With x = 2^k z, z in [0x1.69555p-1, 0x1.69555p0) split into 128
 * subintervals around centres c: invc = 1/c (few bits, so z/c - 1 is exact),
 * logc = round(0x1p43*log(c))/0x1p43, logctail = (double)(log(c) - logc).
 */
/** The C source's `#define A(a, b, c) {a, 0, b, c},` without the pad. */
const A = (invc: string, logc: string, logctail: string): readonly [string, string, string] => [invc, logc, logctail];
const LOG_TABLE: ReadonlyArray<readonly [string, string, string]> = [
  A('0x1.6a00000000000p+0', '-0x1.62c82f2b9c800p-2', '0x1.ab42428375680p-48'),
  A('0x1.6800000000000p+0', '-0x1.5d1bdbf580800p-2', '-0x1.ca508d8e0f720p-46'),
  A('0x1.6600000000000p+0', '-0x1.5767717455800p-2', '-0x1.362a4d5b6506dp-45'),
  A('0x1.6400000000000p+0', '-0x1.51aad872df800p-2', '-0x1.684e49eb067d5p-49'),
  A('0x1.6200000000000p+0', '-0x1.4be5f95777800p-2', '-0x1.41b6993293ee0p-47'),
  A('0x1.6000000000000p+0', '-0x1.4618bc21c6000p-2', '0x1.3d82f484c84ccp-46'),
  A('0x1.5e00000000000p+0', '-0x1.404308686a800p-2', '0x1.c42f3ed820b3ap-50'),
  A('0x1.5c00000000000p+0', '-0x1.3a64c55694800p-2', '0x1.0b1c686519460p-45'),
  A('0x1.5a00000000000p+0', '-0x1.347dd9a988000p-2', '0x1.5594dd4c58092p-45'),
  A('0x1.5800000000000p+0', '-0x1.2e8e2bae12000p-2', '0x1.67b1e99b72bd8p-45'),
  A('0x1.5600000000000p+0', '-0x1.2895a13de8800p-2', '0x1.5ca14b6cfb03fp-46'),
  A('0x1.5600000000000p+0', '-0x1.2895a13de8800p-2', '0x1.5ca14b6cfb03fp-46'),
  A('0x1.5400000000000p+0', '-0x1.22941fbcf7800p-2', '-0x1.65a242853da76p-46'),
  A('0x1.5200000000000p+0', '-0x1.1c898c1699800p-2', '-0x1.fafbc68e75404p-46'),
  A('0x1.5000000000000p+0', '-0x1.1675cababa800p-2', '0x1.f1fc63382a8f0p-46'),
  A('0x1.4e00000000000p+0', '-0x1.1058bf9ae4800p-2', '-0x1.6a8c4fd055a66p-45'),
  A('0x1.4c00000000000p+0', '-0x1.0a324e2739000p-2', '-0x1.c6bee7ef4030ep-47'),
  A('0x1.4a00000000000p+0', '-0x1.0402594b4d000p-2', '-0x1.036b89ef42d7fp-48'),
  A('0x1.4a00000000000p+0', '-0x1.0402594b4d000p-2', '-0x1.036b89ef42d7fp-48'),
  A('0x1.4800000000000p+0', '-0x1.fb9186d5e4000p-3', '0x1.d572aab993c87p-47'),
  A('0x1.4600000000000p+0', '-0x1.ef0adcbdc6000p-3', '0x1.b26b79c86af24p-45'),
  A('0x1.4400000000000p+0', '-0x1.e27076e2af000p-3', '-0x1.72f4f543fff10p-46'),
  A('0x1.4200000000000p+0', '-0x1.d5c216b4fc000p-3', '0x1.1ba91bbca681bp-45'),
  A('0x1.4000000000000p+0', '-0x1.c8ff7c79aa000p-3', '0x1.7794f689f8434p-45'),
  A('0x1.4000000000000p+0', '-0x1.c8ff7c79aa000p-3', '0x1.7794f689f8434p-45'),
  A('0x1.3e00000000000p+0', '-0x1.bc286742d9000p-3', '0x1.94eb0318bb78fp-46'),
  A('0x1.3c00000000000p+0', '-0x1.af3c94e80c000p-3', '0x1.a4e633fcd9066p-52'),
  A('0x1.3a00000000000p+0', '-0x1.a23bc1fe2b000p-3', '-0x1.58c64dc46c1eap-45'),
  A('0x1.3a00000000000p+0', '-0x1.a23bc1fe2b000p-3', '-0x1.58c64dc46c1eap-45'),
  A('0x1.3800000000000p+0', '-0x1.9525a9cf45000p-3', '-0x1.ad1d904c1d4e3p-45'),
  A('0x1.3600000000000p+0', '-0x1.87fa06520d000p-3', '0x1.bbdbf7fdbfa09p-45'),
  A('0x1.3400000000000p+0', '-0x1.7ab890210e000p-3', '0x1.bdb9072534a58p-45'),
  A('0x1.3400000000000p+0', '-0x1.7ab890210e000p-3', '0x1.bdb9072534a58p-45'),
  A('0x1.3200000000000p+0', '-0x1.6d60fe719d000p-3', '-0x1.0e46aa3b2e266p-46'),
  A('0x1.3000000000000p+0', '-0x1.5ff3070a79000p-3', '-0x1.e9e439f105039p-46'),
  A('0x1.3000000000000p+0', '-0x1.5ff3070a79000p-3', '-0x1.e9e439f105039p-46'),
  A('0x1.2e00000000000p+0', '-0x1.526e5e3a1b000p-3', '-0x1.0de8b90075b8fp-45'),
  A('0x1.2c00000000000p+0', '-0x1.44d2b6ccb8000p-3', '0x1.70cc16135783cp-46'),
  A('0x1.2c00000000000p+0', '-0x1.44d2b6ccb8000p-3', '0x1.70cc16135783cp-46'),
  A('0x1.2a00000000000p+0', '-0x1.371fc201e9000p-3', '0x1.178864d27543ap-48'),
  A('0x1.2800000000000p+0', '-0x1.29552f81ff000p-3', '-0x1.48d301771c408p-45'),
  A('0x1.2600000000000p+0', '-0x1.1b72ad52f6000p-3', '-0x1.e80a41811a396p-45'),
  A('0x1.2600000000000p+0', '-0x1.1b72ad52f6000p-3', '-0x1.e80a41811a396p-45'),
  A('0x1.2400000000000p+0', '-0x1.0d77e7cd09000p-3', '0x1.a699688e85bf4p-47'),
  A('0x1.2400000000000p+0', '-0x1.0d77e7cd09000p-3', '0x1.a699688e85bf4p-47'),
  A('0x1.2200000000000p+0', '-0x1.fec9131dbe000p-4', '-0x1.575545ca333f2p-45'),
  A('0x1.2000000000000p+0', '-0x1.e27076e2b0000p-4', '0x1.a342c2af0003cp-45'),
  A('0x1.2000000000000p+0', '-0x1.e27076e2b0000p-4', '0x1.a342c2af0003cp-45'),
  A('0x1.1e00000000000p+0', '-0x1.c5e548f5bc000p-4', '-0x1.d0c57585fbe06p-46'),
  A('0x1.1c00000000000p+0', '-0x1.a926d3a4ae000p-4', '0x1.53935e85baac8p-45'),
  A('0x1.1c00000000000p+0', '-0x1.a926d3a4ae000p-4', '0x1.53935e85baac8p-45'),
  A('0x1.1a00000000000p+0', '-0x1.8c345d631a000p-4', '0x1.37c294d2f5668p-46'),
  A('0x1.1a00000000000p+0', '-0x1.8c345d631a000p-4', '0x1.37c294d2f5668p-46'),
  A('0x1.1800000000000p+0', '-0x1.6f0d28ae56000p-4', '-0x1.69737c93373dap-45'),
  A('0x1.1600000000000p+0', '-0x1.51b073f062000p-4', '0x1.f025b61c65e57p-46'),
  A('0x1.1600000000000p+0', '-0x1.51b073f062000p-4', '0x1.f025b61c65e57p-46'),
  A('0x1.1400000000000p+0', '-0x1.341d7961be000p-4', '0x1.c5edaccf913dfp-45'),
  A('0x1.1400000000000p+0', '-0x1.341d7961be000p-4', '0x1.c5edaccf913dfp-45'),
  A('0x1.1200000000000p+0', '-0x1.16536eea38000p-4', '0x1.47c5e768fa309p-46'),
  A('0x1.1000000000000p+0', '-0x1.f0a30c0118000p-5', '0x1.d599e83368e91p-45'),
  A('0x1.1000000000000p+0', '-0x1.f0a30c0118000p-5', '0x1.d599e83368e91p-45'),
  A('0x1.0e00000000000p+0', '-0x1.b42dd71198000p-5', '0x1.c827ae5d6704cp-46'),
  A('0x1.0e00000000000p+0', '-0x1.b42dd71198000p-5', '0x1.c827ae5d6704cp-46'),
  A('0x1.0c00000000000p+0', '-0x1.77458f632c000p-5', '-0x1.cfc4634f2a1eep-45'),
  A('0x1.0c00000000000p+0', '-0x1.77458f632c000p-5', '-0x1.cfc4634f2a1eep-45'),
  A('0x1.0a00000000000p+0', '-0x1.39e87b9fec000p-5', '0x1.502b7f526feaap-48'),
  A('0x1.0a00000000000p+0', '-0x1.39e87b9fec000p-5', '0x1.502b7f526feaap-48'),
  A('0x1.0800000000000p+0', '-0x1.f829b0e780000p-6', '-0x1.980267c7e09e4p-45'),
  A('0x1.0800000000000p+0', '-0x1.f829b0e780000p-6', '-0x1.980267c7e09e4p-45'),
  A('0x1.0600000000000p+0', '-0x1.7b91b07d58000p-6', '-0x1.88d5493faa639p-45'),
  A('0x1.0400000000000p+0', '-0x1.fc0a8b0fc0000p-7', '-0x1.f1e7cf6d3a69cp-50'),
  A('0x1.0400000000000p+0', '-0x1.fc0a8b0fc0000p-7', '-0x1.f1e7cf6d3a69cp-50'),
  A('0x1.0200000000000p+0', '-0x1.fe02a6b100000p-8', '-0x1.9e23f0dda40e4p-46'),
  A('0x1.0200000000000p+0', '-0x1.fe02a6b100000p-8', '-0x1.9e23f0dda40e4p-46'),
  A('0x1.0000000000000p+0', '0x0.0000000000000p+0', '0x0.0000000000000p+0'),
  A('0x1.0000000000000p+0', '0x0.0000000000000p+0', '0x0.0000000000000p+0'),
  A('0x1.fc00000000000p-1', '0x1.0101575890000p-7', '-0x1.0c76b999d2be8p-46'),
  A('0x1.f800000000000p-1', '0x1.0205658938000p-6', '-0x1.3dc5b06e2f7d2p-45'),
  A('0x1.f400000000000p-1', '0x1.8492528c90000p-6', '-0x1.aa0ba325a0c34p-45'),
  A('0x1.f000000000000p-1', '0x1.0415d89e74000p-5', '0x1.111c05cf1d753p-47'),
  A('0x1.ec00000000000p-1', '0x1.466aed42e0000p-5', '-0x1.c167375bdfd28p-45'),
  A('0x1.e800000000000p-1', '0x1.894aa149fc000p-5', '-0x1.97995d05a267dp-46'),
  A('0x1.e400000000000p-1', '0x1.ccb73cdddc000p-5', '-0x1.a68f247d82807p-46'),
  A('0x1.e200000000000p-1', '0x1.eea31c006c000p-5', '-0x1.e113e4fc93b7bp-47'),
  A('0x1.de00000000000p-1', '0x1.1973bd1466000p-4', '-0x1.5325d560d9e9bp-45'),
  A('0x1.da00000000000p-1', '0x1.3bdf5a7d1e000p-4', '0x1.cc85ea5db4ed7p-45'),
  A('0x1.d600000000000p-1', '0x1.5e95a4d97a000p-4', '-0x1.c69063c5d1d1ep-45'),
  A('0x1.d400000000000p-1', '0x1.700d30aeac000p-4', '0x1.c1e8da99ded32p-49'),
  A('0x1.d000000000000p-1', '0x1.9335e5d594000p-4', '0x1.3115c3abd47dap-45'),
  A('0x1.cc00000000000p-1', '0x1.b6ac88dad6000p-4', '-0x1.390802bf768e5p-46'),
  A('0x1.ca00000000000p-1', '0x1.c885801bc4000p-4', '0x1.646d1c65aacd3p-45'),
  A('0x1.c600000000000p-1', '0x1.ec739830a2000p-4', '-0x1.dc068afe645e0p-45'),
  A('0x1.c400000000000p-1', '0x1.fe89139dbe000p-4', '-0x1.534d64fa10afdp-45'),
  A('0x1.c000000000000p-1', '0x1.1178e8227e000p-3', '0x1.1ef78ce2d07f2p-45'),
  A('0x1.be00000000000p-1', '0x1.1aa2b7e23f000p-3', '0x1.ca78e44389934p-45'),
  A('0x1.ba00000000000p-1', '0x1.2d1610c868000p-3', '0x1.39d6ccb81b4a1p-47'),
  A('0x1.b800000000000p-1', '0x1.365fcb0159000p-3', '0x1.62fa8234b7289p-51'),
  A('0x1.b400000000000p-1', '0x1.4913d8333b000p-3', '0x1.5837954fdb678p-45'),
  A('0x1.b200000000000p-1', '0x1.527e5e4a1b000p-3', '0x1.633e8e5697dc7p-45'),
  A('0x1.ae00000000000p-1', '0x1.6574ebe8c1000p-3', '0x1.9cf8b2c3c2e78p-46'),
  A('0x1.ac00000000000p-1', '0x1.6f0128b757000p-3', '-0x1.5118de59c21e1p-45'),
  A('0x1.aa00000000000p-1', '0x1.7898d85445000p-3', '-0x1.c661070914305p-46'),
  A('0x1.a600000000000p-1', '0x1.8beafeb390000p-3', '-0x1.73d54aae92cd1p-47'),
  A('0x1.a400000000000p-1', '0x1.95a5adcf70000p-3', '0x1.7f22858a0ff6fp-47'),
  A('0x1.a000000000000p-1', '0x1.a93ed3c8ae000p-3', '-0x1.8724350562169p-45'),
  A('0x1.9e00000000000p-1', '0x1.b31d8575bd000p-3', '-0x1.c358d4eace1aap-47'),
  A('0x1.9c00000000000p-1', '0x1.bd087383be000p-3', '-0x1.d4bc4595412b6p-45'),
  A('0x1.9a00000000000p-1', '0x1.c6ffbc6f01000p-3', '-0x1.1ec72c5962bd2p-48'),
  A('0x1.9600000000000p-1', '0x1.db13db0d49000p-3', '-0x1.aff2af715b035p-45'),
  A('0x1.9400000000000p-1', '0x1.e530effe71000p-3', '0x1.212276041f430p-51'),
  A('0x1.9200000000000p-1', '0x1.ef5ade4dd0000p-3', '-0x1.a211565bb8e11p-51'),
  A('0x1.9000000000000p-1', '0x1.f991c6cb3b000p-3', '0x1.bcbecca0cdf30p-46'),
  A('0x1.8c00000000000p-1', '0x1.07138604d5800p-2', '0x1.89cdb16ed4e91p-48'),
  A('0x1.8a00000000000p-1', '0x1.0c42d67616000p-2', '0x1.7188b163ceae9p-45'),
  A('0x1.8800000000000p-1', '0x1.1178e8227e800p-2', '-0x1.c210e63a5f01cp-45'),
  A('0x1.8600000000000p-1', '0x1.16b5ccbacf800p-2', '0x1.b9acdf7a51681p-45'),
  A('0x1.8400000000000p-1', '0x1.1bf99635a6800p-2', '0x1.ca6ed5147bdb7p-45'),
  A('0x1.8200000000000p-1', '0x1.214456d0eb800p-2', '0x1.a87deba46baeap-47'),
  A('0x1.7e00000000000p-1', '0x1.2bef07cdc9000p-2', '0x1.a9cfa4a5004f4p-45'),
  A('0x1.7c00000000000p-1', '0x1.314f1e1d36000p-2', '-0x1.8e27ad3213cb8p-45'),
  A('0x1.7a00000000000p-1', '0x1.36b6776be1000p-2', '0x1.16ecdb0f177c8p-46'),
  A('0x1.7800000000000p-1', '0x1.3c25277333000p-2', '0x1.83b54b606bd5cp-46'),
  A('0x1.7600000000000p-1', '0x1.419b423d5e800p-2', '0x1.8e436ec90e09dp-47'),
  A('0x1.7400000000000p-1', '0x1.4718dc271c800p-2', '-0x1.f27ce0967d675p-45'),
  A('0x1.7200000000000p-1', '0x1.4c9e09e173000p-2', '-0x1.e20891b0ad8a4p-45'),
  A('0x1.7000000000000p-1', '0x1.522ae0738a000p-2', '0x1.ebe708164c759p-45'),
  A('0x1.6e00000000000p-1', '0x1.57bf753c8d000p-2', '0x1.fadedee5d40efp-46'),
  A('0x1.6c00000000000p-1', '0x1.5d5bddf596000p-2', '-0x1.a0b2a08a465dcp-47'),
];

export const INVC = Float64Array.from(LOG_TABLE, (row) => hexFloat(row[0]));
export const LOGC = Float64Array.from(LOG_TABLE, (row) => hexFloat(row[1]));
export const LOGCTAIL = Float64Array.from(LOG_TABLE, (row) => hexFloat(row[2]));

// ----------------------------------------------------------------- e_exp_data.c

/** EXP_TABLE_BITS: 2^(k/N) is tabulated for N = 1 << 7. */
export const EXP_TABLE_BITS = 7;

/** `__exp_data.invln2N`: N/ln2. */
export const INV_LN2_N = hexFloat('0x1.71547652b82fep0') * 128;
/** `__exp_data.negln2hiN`, `.negln2loN`: -ln2/N in two parts. */
export const NEG_LN2_HI_N = hexFloat('-0x1.62e42fefa0000p-8');
export const NEG_LN2_LO_N = hexFloat('-0x1.cf79abc9e3b3ap-47');
/** `__exp_data.shift`: used for rounding to an integer (TOINT_INTRINSICS is 0 on x86-64). */
export const SHIFT = hexFloat('0x1.8p52');
/** `__exp_data.poly`: C2..C5 of exp (EXP_POLY_ORDER 5); ulp error 0.509 (0.511 without fma). */
export const EXP_POLY: readonly number[] = [
  hexFloat('0x1.ffffffffffdbdp-2'),
  hexFloat('0x1.555555555543cp-3'),
  hexFloat('0x1.55555cf172b91p-5'),
  hexFloat('0x1.1111167a4d017p-7'),
];

/**
 * `__exp_data.tab`: 2^(k/N) ~= H[k]*(1 + T[k]) for k in [0, N);
 * tab[2*k] = asuint64(T[k]), tab[2*k+1] = asuint64(H[k]) - (k << 52)/N.
 */
const EXP_TABLE: readonly bigint[] = [
  0x0n, 0x3ff0000000000000n,
  0x3c9b3b4f1a88bf6en, 0x3feff63da9fb3335n,
  0xbc7160139cd8dc5dn, 0x3fefec9a3e778061n,
  0xbc905e7a108766d1n, 0x3fefe315e86e7f85n,
  0x3c8cd2523567f613n, 0x3fefd9b0d3158574n,
  0xbc8bce8023f98efan, 0x3fefd06b29ddf6den,
  0x3c60f74e61e6c861n, 0x3fefc74518759bc8n,
  0x3c90a3e45b33d399n, 0x3fefbe3ecac6f383n,
  0x3c979aa65d837b6dn, 0x3fefb5586cf9890fn,
  0x3c8eb51a92fdeffcn, 0x3fefac922b7247f7n,
  0x3c3ebe3d702f9cd1n, 0x3fefa3ec32d3d1a2n,
  0xbc6a033489906e0bn, 0x3fef9b66affed31bn,
  0xbc9556522a2fbd0en, 0x3fef9301d0125b51n,
  0xbc5080ef8c4eea55n, 0x3fef8abdc06c31ccn,
  0xbc91c923b9d5f416n, 0x3fef829aaea92de0n,
  0x3c80d3e3e95c55afn, 0x3fef7a98c8a58e51n,
  0xbc801b15eaa59348n, 0x3fef72b83c7d517bn,
  0xbc8f1ff055de323dn, 0x3fef6af9388c8dean,
  0x3c8b898c3f1353bfn, 0x3fef635beb6fcb75n,
  0xbc96d99c7611eb26n, 0x3fef5be084045cd4n,
  0x3c9aecf73e3a2f60n, 0x3fef54873168b9aan,
  0xbc8fe782cb86389dn, 0x3fef4d5022fcd91dn,
  0x3c8a6f4144a6c38dn, 0x3fef463b88628cd6n,
  0x3c807a05b0e4047dn, 0x3fef3f49917ddc96n,
  0x3c968efde3a8a894n, 0x3fef387a6e756238n,
  0x3c875e18f274487dn, 0x3fef31ce4fb2a63fn,
  0x3c80472b981fe7f2n, 0x3fef2b4565e27cddn,
  0xbc96b87b3f71085en, 0x3fef24dfe1f56381n,
  0x3c82f7e16d09ab31n, 0x3fef1e9df51fdee1n,
  0xbc3d219b1a6fbffan, 0x3fef187fd0dad990n,
  0x3c8b3782720c0ab4n, 0x3fef1285a6e4030bn,
  0x3c6e149289cecb8fn, 0x3fef0cafa93e2f56n,
  0x3c834d754db0abb6n, 0x3fef06fe0a31b715n,
  0x3c864201e2ac744cn, 0x3fef0170fc4cd831n,
  0x3c8fdd395dd3f84an, 0x3feefc08b26416ffn,
  0xbc86a3803b8e5b04n, 0x3feef6c55f929ff1n,
  0xbc924aedcc4b5068n, 0x3feef1a7373aa9cbn,
  0xbc9907f81b512d8en, 0x3feeecae6d05d866n,
  0xbc71d1e83e9436d2n, 0x3feee7db34e59ff7n,
  0xbc991919b3ce1b15n, 0x3feee32dc313a8e5n,
  0x3c859f48a72a4c6dn, 0x3feedea64c123422n,
  0xbc9312607a28698an, 0x3feeda4504ac801cn,
  0xbc58a78f4817895bn, 0x3feed60a21f72e2an,
  0xbc7c2c9b67499a1bn, 0x3feed1f5d950a897n,
  0x3c4363ed60c2ac11n, 0x3feece086061892dn,
  0x3c9666093b0664efn, 0x3feeca41ed1d0057n,
  0x3c6ecce1daa10379n, 0x3feec6a2b5c13cd0n,
  0x3c93ff8e3f0f1230n, 0x3feec32af0d7d3den,
  0x3c7690cebb7aafb0n, 0x3feebfdad5362a27n,
  0x3c931dbdeb54e077n, 0x3feebcb299fddd0dn,
  0xbc8f94340071a38en, 0x3feeb9b2769d2ca7n,
  0xbc87deccdc93a349n, 0x3feeb6daa2cf6642n,
  0xbc78dec6bd0f385fn, 0x3feeb42b569d4f82n,
  0xbc861246ec7b5cf6n, 0x3feeb1a4ca5d920fn,
  0x3c93350518fdd78en, 0x3feeaf4736b527dan,
  0x3c7b98b72f8a9b05n, 0x3feead12d497c7fdn,
  0x3c9063e1e21c5409n, 0x3feeab07dd485429n,
  0x3c34c7855019c6ean, 0x3feea9268a5946b7n,
  0x3c9432e62b64c035n, 0x3feea76f15ad2148n,
  0xbc8ce44a6199769fn, 0x3feea5e1b976dc09n,
  0xbc8c33c53bef4da8n, 0x3feea47eb03a5585n,
  0xbc845378892be9aen, 0x3feea34634ccc320n,
  0xbc93cedd78565858n, 0x3feea23882552225n,
  0x3c5710aa807e1964n, 0x3feea155d44ca973n,
  0xbc93b3efbf5e2228n, 0x3feea09e667f3bcdn,
  0xbc6a12ad8734b982n, 0x3feea012750bdabfn,
  0xbc6367efb86da9een, 0x3fee9fb23c651a2fn,
  0xbc80dc3d54e08851n, 0x3fee9f7df9519484n,
  0xbc781f647e5a3ecfn, 0x3fee9f75e8ec5f74n,
  0xbc86ee4ac08b7db0n, 0x3fee9f9a48a58174n,
  0xbc8619321e55e68an, 0x3fee9feb564267c9n,
  0x3c909ccb5e09d4d3n, 0x3feea0694fde5d3fn,
  0xbc7b32dcb94da51dn, 0x3feea11473eb0187n,
  0x3c94ecfd5467c06bn, 0x3feea1ed0130c132n,
  0x3c65ebe1abd66c55n, 0x3feea2f336cf4e62n,
  0xbc88a1c52fb3cf42n, 0x3feea427543e1a12n,
  0xbc9369b6f13b3734n, 0x3feea589994cce13n,
  0xbc805e843a19ff1en, 0x3feea71a4623c7adn,
  0xbc94d450d872576en, 0x3feea8d99b4492edn,
  0x3c90ad675b0e8a00n, 0x3feeaac7d98a6699n,
  0x3c8db72fc1f0eab4n, 0x3feeace5422aa0dbn,
  0xbc65b6609cc5e7ffn, 0x3feeaf3216b5448cn,
  0x3c7bf68359f35f44n, 0x3feeb1ae99157736n,
  0xbc93091fa71e3d83n, 0x3feeb45b0b91ffc6n,
  0xbc5da9b88b6c1e29n, 0x3feeb737b0cdc5e5n,
  0xbc6c23f97c90b959n, 0x3feeba44cbc8520fn,
  0xbc92434322f4f9aan, 0x3feebd829fde4e50n,
  0xbc85ca6cd7668e4bn, 0x3feec0f170ca07ban,
  0x3c71affc2b91ce27n, 0x3feec49182a3f090n,
  0x3c6dd235e10a73bbn, 0x3feec86319e32323n,
  0xbc87c50422622263n, 0x3feecc667b5de565n,
  0x3c8b1c86e3e231d5n, 0x3feed09bec4a2d33n,
  0xbc91bbd1d3bcbb15n, 0x3feed503b23e255dn,
  0x3c90cc319cee31d2n, 0x3feed99e1330b358n,
  0x3c8469846e735ab3n, 0x3feede6b5579fdbfn,
  0xbc82dfcd978e9db4n, 0x3feee36bbfd3f37an,
  0x3c8c1a7792cb3387n, 0x3feee89f995ad3adn,
  0xbc907b8f4ad1d9fan, 0x3feeee07298db666n,
  0xbc55c3d956dcaeban, 0x3feef3a2b84f15fbn,
  0xbc90a40e3da6f640n, 0x3feef9728de5593an,
  0xbc68d6f438ad9334n, 0x3feeff76f2fb5e47n,
  0xbc91eee26b588a35n, 0x3fef05b030a1064an,
  0x3c74ffd70a5fddcdn, 0x3fef0c1e904bc1d2n,
  0xbc91bdfbfa9298acn, 0x3fef12c25bd71e09n,
  0x3c736eae30af0cb3n, 0x3fef199bdd85529cn,
  0x3c8ee3325c9ffd94n, 0x3fef20ab5fffd07an,
  0x3c84e08fd10959acn, 0x3fef27f12e57d14bn,
  0x3c63cdaf384e1a67n, 0x3fef2f6d9406e7b5n,
  0x3c676b2c6c921968n, 0x3fef3720dcef9069n,
  0xbc808a1883ccb5d2n, 0x3fef3f0b555dc3fan,
  0xbc8fad5d3ffffa6fn, 0x3fef472d4a07897cn,
  0xbc900dae3875a949n, 0x3fef4f87080d89f2n,
  0x3c74a385a63d07a7n, 0x3fef5818dcfba487n,
  0xbc82919e2040220fn, 0x3fef60e316c98398n,
  0x3c8e5a50d5c192acn, 0x3fef69e603db3285n,
  0x3c843a59ac016b4bn, 0x3fef7321f301b460n,
  0xbc82d52107b43e1fn, 0x3fef7c97337b9b5fn,
  0xbc892ab93b470dc9n, 0x3fef864614f5a129n,
  0x3c74b604603a88d3n, 0x3fef902ee78b3ff6n,
  0x3c83c5ec519d7271n, 0x3fef9a51fbc74c83n,
  0xbc8ff7128fd391f0n, 0x3fefa4afa2a490dan,
  0xbc8dae98e223747dn, 0x3fefaf482d8e67f1n,
  0x3c8ec3bc41aa2008n, 0x3fefba1bee615a27n,
  0x3c842b94c3a9eb32n, 0x3fefc52b376bba97n,
  0x3c8a64a931d185een, 0x3fefd0765b6e4540n,
  0xbc8e37bae43be3edn, 0x3fefdbfdad9cbe14n,
  0x3c77893b4d91cd9dn, 0x3fefe7c1819e90d8n,
  0x3c5305c14160cc89n, 0x3feff3c22b8f71f1n,
];

/** T[k] as doubles (`asdouble(tab[2*k])`). */
export const EXP_TAIL = Float64Array.from({ length: 128 }, (_, k) => new Float64Array(BigUint64Array.of(EXP_TABLE[2 * k]).buffer)[0]);
/** The high and low 32 bits of tab[2*k+1], the bits of the scale before its exponent is added. */
export const EXP_SBITS_HI = Uint32Array.from({ length: 128 }, (_, k) => Number(EXP_TABLE[2 * k + 1] >> 32n));
export const EXP_SBITS_LO = Uint32Array.from({ length: 128 }, (_, k) => Number(EXP_TABLE[2 * k + 1] & 0xffffffffn));
