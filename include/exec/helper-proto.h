/* helper-proto.h: C prototypes of the target's helpers (see helper-head.h). */
#ifndef EXEC_HELPER_PROTO_H
#define EXEC_HELPER_PROTO_H

#include "exec/helper-head.h"

#define DEF_HELPER_FLAGS_0(name, flags, ret) \
    dh_ctype(ret) HELPER(name)(void);
#define DEF_HELPER_FLAGS_1(name, flags, ret, t1) \
    dh_ctype(ret) HELPER(name)(dh_ctype(t1));
#define DEF_HELPER_FLAGS_2(name, flags, ret, t1, t2) \
    dh_ctype(ret) HELPER(name)(dh_ctype(t1), dh_ctype(t2));
#define DEF_HELPER_FLAGS_3(name, flags, ret, t1, t2, t3) \
    dh_ctype(ret) HELPER(name)(dh_ctype(t1), dh_ctype(t2), dh_ctype(t3));
#define DEF_HELPER_FLAGS_4(name, flags, ret, t1, t2, t3, t4) \
    dh_ctype(ret) HELPER(name)(dh_ctype(t1), dh_ctype(t2), dh_ctype(t3), \
                               dh_ctype(t4));
#define DEF_HELPER_FLAGS_5(name, flags, ret, t1, t2, t3, t4, t5) \
    dh_ctype(ret) HELPER(name)(dh_ctype(t1), dh_ctype(t2), dh_ctype(t3), \
                               dh_ctype(t4), dh_ctype(t5));
#define DEF_HELPER_FLAGS_6(name, flags, ret, t1, t2, t3, t4, t5, t6) \
    dh_ctype(ret) HELPER(name)(dh_ctype(t1), dh_ctype(t2), dh_ctype(t3), \
                               dh_ctype(t4), dh_ctype(t5), dh_ctype(t6));
#include "helper-defs.h"

#endif
