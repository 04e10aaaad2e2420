/* Calls one build of log, exp, sin or cos inside Debian 12's libm.so.6 (glibc 2.36-9+deb12u14,
 * build id d6e6f9e3af12...) directly, by offset: the FMA build (`__log_fma`, ...) and the
 * generic one (`__log_sse2`, ...) that the ifunc resolvers behind the exported symbols choose
 * between, read off `objdump -d`. A CPU picks one of them for python3; this reaches both, so
 * the ports of both (runtime/libm-*.ts) can be measured here (scripts/measure-libm.ts).
 *   gcc -O2 -o /tmp/libm-probe scripts/libm-probe.c -ldl
 *   /tmp/libm-probe FUNC fma|generic < doubles > doubles   (native-endian binary)
 * It refuses to run when `pow` is not where that build of libm has it. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
typedef double (*fn)(double);
int main(int argc, char **argv) {
  Dl_info info;
  void *h = dlopen("libm.so.6", RTLD_NOW);
  void *p = dlsym(h, "pow");
  dladdr(p, &info);
  char *base = (char *)info.dli_fbase;
  struct { const char *name, *build; long off; } t[] = {
    {"log","fma",0x6eda0},{"log","generic",0x2aa50},
    {"exp","fma",0x6ebb0},{"exp","generic",0x275f0},
    {"sin","fma",0x702c0},{"sin","generic",0x2ece0},
    {"cos","fma",0x70ad0},{"cos","generic",0x2f5f0}};
  if ((char*)p - base != 0x392b0) { fprintf(stderr, "unexpected libm layout\n"); return 2; }
  fn f = 0;
  for (int i = 0; i < 8; i++) if (!strcmp(t[i].name, argv[1]) && !strcmp(t[i].build, argv[2])) f = (fn)(base + t[i].off);
  if (!f) return 2;
  static double buf[65536];
  size_t n;
  while ((n = fread(buf, 8, 65536, stdin)) > 0) {
    for (size_t i = 0; i < n; i++) buf[i] = f(buf[i]);
    fwrite(buf, 8, n, stdout);
  }
  return 0;
}
