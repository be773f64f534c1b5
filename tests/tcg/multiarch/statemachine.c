/*
 * statemachine: a switch-heavy lexer and state machine.  gcc compiles the
 * dense switches into jump tables (indirect jumps through a table in
 * .rodata) and the sparse ones into compare trees, so the emulator sees
 * many indirect branches with changing targets.
 */
#include <stdio.h>
#include <ctype.h>

enum tok { T_NUM, T_ID, T_OP, T_LP, T_RP, T_STR, T_END, T_BAD };

static const char *src =
    "let x = (12 + foo) * 3 - \"str ing\" / bar_9;\n"
    "if x >= 10 { print(x); } else { x = x % 7 & 0x1f | 3 ^ ~2; }\n"
    "while (i < 100) i = i << 1 >> 2 ; @ $ 42abc \"unterminated";

static const char *p;
static char text[64];

static enum tok next(void)
{
    int n = 0;
    while (*p == ' ' || *p == '\n' || *p == '\t')
        p++;
    switch (*p) {
    case 0: return T_END;
    case '(': p++; return T_LP;
    case ')': p++; return T_RP;
    case '+': case '-': case '*': case '/': case '%': case '&': case '|':
    case '^': case '~': case ';': case '{': case '}': case '=':
        text[0] = *p++; text[1] = 0;
        if (text[0] == '=' && *p == '=') { text[1] = *p++; text[2] = 0; }
        return T_OP;
    case '<': case '>':
        text[0] = *p++; text[1] = 0;
        if (*p == '=' || *p == text[0]) { text[1] = *p++; text[2] = 0; }
        return T_OP;
    case '"':
        p++;
        while (*p && *p != '"' && n < 63) text[n++] = *p++;
        text[n] = 0;
        if (*p != '"') return T_BAD;
        p++;
        return T_STR;
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
        while (isalnum((unsigned char)*p) && n < 63) text[n++] = *p++;
        text[n] = 0;
        return T_NUM;
    default:
        if (isalpha((unsigned char)*p) || *p == '_') {
            while ((isalnum((unsigned char)*p) || *p == '_') && n < 63) text[n++] = *p++;
            text[n] = 0;
            return T_ID;
        }
        text[0] = *p++; text[1] = 0;
        return T_BAD;
    }
}

/* A tiny DFA over bits: accepts binary strings whose value is divisible by 5. */
static int div5(unsigned v, int bits)
{
    int state = 0;
    for (int i = bits - 1; i >= 0; i--) {
        int b = (v >> i) & 1;
        switch (state * 2 + b) {
        case 0: state = 0; break;
        case 1: state = 1; break;
        case 2: state = 2; break;
        case 3: state = 3; break;
        case 4: state = 4; break;
        case 5: state = 0; break;
        case 6: state = 1; break;
        case 7: state = 2; break;
        case 8: state = 3; break;
        case 9: state = 4; break;
        }
    }
    return state == 0;
}

static const char *sparse(int x)
{
    switch (x) {
    case -1000: return "minus-thousand";
    case 1: return "one";
    case 17: return "seventeen";
    case 256: return "two-five-six";
    case 4096: return "page";
    case 65535: return "ffff";
    case 1 << 20: return "mega";
    default: return "other";
    }
}

int main(void)
{
    static const char *names[] = { "NUM", "ID", "OP", "LP", "RP", "STR", "END", "BAD" };
    int counts[8] = { 0 };
    enum tok t;
    p = src;
    do {
        t = next();
        counts[t]++;
        if (t == T_NUM || t == T_ID || t == T_OP || t == T_STR || t == T_BAD)
            printf("%s(%s) ", names[t], text);
        else
            printf("%s ", names[t]);
    } while (t != T_END);
    putchar('\n');
    for (int i = 0; i < 8; i++)
        printf("%s=%d ", names[i], counts[i]);
    putchar('\n');

    int ok = 0;
    for (unsigned v = 0; v < 2000; v++)
        ok += div5(v, 11) == (v % 5 == 0);
    printf("div5 dfa agrees on %d of 2000\n", ok);

    static const int xs[] = { -1000, 0, 1, 2, 17, 255, 256, 4096, 65535, 1 << 20, 12345 };
    for (unsigned i = 0; i < sizeof(xs) / sizeof(xs[0]); i++)
        printf("%d:%s ", xs[i], sparse(xs[i]));
    putchar('\n');
    return ok == 2000 ? 0 : 1;
}
