# mstatus and its sstatus view: which fields take a write of all ones, what
# sstatus shows of mstatus, UXL/SXL read-only 64-bit, SD following FS.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        csrr s0, mstatus
        li t0, 0xf00000000
        and s1, s0, t0
        PUT "uxl-sxl", s1
        SAY "sstatus: all ones written from M"
        li t0, -1
        csrw sstatus, t0
        csrr s1, sstatus
        li t0, 0x80000003000de762
        and s1, s1, t0
        PUT "sstatus", s1
        SAY "the M-only fields are untouched by an sstatus write"
        csrr s2, mstatus
        li t0, 0x7e0888
        and s2, s2, t0
        PUT "mstatus&7e0888", s2
        SAY "sstatus cleared: FS off, SD clear"
        csrw sstatus, zero
        csrr s1, sstatus
        PUT "sstatus", s1
        SAY "mstatus: TVM TW TSR MXR SUM MPRV set, MPP = S"
        li t0, 0x7e0800
        csrs mstatus, t0
        csrr s2, mstatus
        li t0, 0x7e1800
        and s2, s2, t0
        PUT "mstatus", s2
        csrw mstatus, zero
        csrr s2, mstatus
        li t0, 0x80000000007fffff
        and s2, s2, t0
        PUT "cleared", s2
        SAY "misa is read-only here"
        csrr s3, misa
        csrw misa, zero
        csrr s4, misa
        sub s4, s4, s3
        PUT "misa-change", s4
        FINISH
