;; Module compiled by minios-compile-check.sh: exercises the parts of wasm2c's
;; output that reference the runtime or libc/libm (memory access with bounds
;; checks, loops, call_indirect, traps, memory.grow, bulk memory, float maths,
;; 64-bit bit counting, imports from "clickos" and "env").
(module
  (import "clickos" "log" (func $log (param i32 i32)))
  (import "env" "abort" (func $abort (param i32 i32 i32 i32)))
  (memory (export "memory") 1 16)
  (type $unary (func (param i32) (result i32)))
  (table 3 funcref)
  (elem (i32.const 0) $inc $dbl)
  (global $counter (mut i32) (i32.const 0))
  (data (i32.const 0) "clickos")

  (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func $dbl (param i32) (result i32) (i32.shl (local.get 0) (i32.const 1)))

  ;; checksum over [ptr, ptr+len): loads, a loop, bounds-checked accesses
  (func (export "checksum") (param $ptr i32) (param $len i32) (result i32)
    (local $sum i32)
    (block $done
      (loop $next
        (br_if $done (i32.le_s (local.get $len) (i32.const 1)))
        (local.set $sum (i32.add (local.get $sum) (i32.load16_u (local.get $ptr))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 2)))
        (local.set $len (i32.sub (local.get $len) (i32.const 2)))
        (br $next)))
    (i32.store (i32.const 1024) (local.get $sum))
    (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
    (local.get $sum))

  (func (export "dispatch") (param i32 i32) (result i32)
    (call_indirect (type $unary) (local.get 1) (local.get 0)))

  (func (export "fail") (param i32) (result i32)
    (if (local.get 0) (then (call $abort (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 1))))
    (call $log (i32.const 0) (i32.const 7))
    (unreachable))

  (func (export "div") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))

  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))

  (func (export "bulk") (param $dst i32) (param $src i32) (param $n i32)
    (memory.copy (local.get $dst) (local.get $src) (local.get $n))
    (memory.fill (local.get $src) (i32.const 0) (local.get $n)))

  (func (export "float") (param $x f64) (param $y f32) (result f64)
    (f64.add
      (f64.add (f64.sqrt (local.get $x)) (f64.floor (local.get $x)))
      (f64.add (f64.ceil (local.get $x)) (f64.nearest (f64.trunc (local.get $x)))))
    (f64.promote_f32
      (f32.add (f32.sqrt (local.get $y))
        (f32.add (f32.abs (local.get $y)) (f32.min (local.get $y) (f32.nearest (local.get $y))))))
    (f64.add)
    (f64.copysign (f64.abs (local.get $x)))
    (f64.max (f64.convert_i64_s (i64.trunc_sat_f64_s (local.get $x)))))

  (func (export "bits") (param i64) (result i64)
    (i64.add (i64.popcnt (local.get 0))
      (i64.add (i64.clz (local.get 0)) (i64.ctz (local.get 0)))))
)
