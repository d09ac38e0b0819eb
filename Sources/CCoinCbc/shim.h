// COIN-OR CBC's C interface (Debian coinor-libcbc-dev; pkg-config name `cbc`, headers in /usr/include/coin).
#include <coin/Cbc_C_Interface.h>
