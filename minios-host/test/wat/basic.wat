;; Test module for the ClickOS wasm-rt runtime (minios-host/test/runtime.test.ts).
;; Every export has the signature (i32, i32) -> i32 so the C driver can call
;; any of them by name.
(module
  (import "clickos" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)            ;; no declared maximum: the runtime's page limit applies
  (type $unary (func (param i32) (result i32)))
  (type $binary (func (param i32 i32) (result i32)))
  (table 4 funcref)                        ;; slot 3 stays null
  (elem (i32.const 0) $double $inc $add)
  (data (i32.const 16) "\2a\00\00\00")     ;; 42 at address 16

  (func $double (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))

  (func $add (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))

  ;; sum of 1..n with a loop
  (func (export "sum") (param $n i32) (param i32) (result i32)
    (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $acc))

  (func (export "load") (param $addr i32) (param i32) (result i32)
    (i32.load (local.get $addr)))

  (func (export "store") (param $addr i32) (param $v i32) (result i32)
    (i32.store (local.get $addr) (local.get $v))
    (i32.const 0))

  (func (export "store_load") (param $addr i32) (param $v i32) (result i32)
    (i32.store (local.get $addr) (local.get $v))
    (i32.load (local.get $addr)))

  (func (export "div_s") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))

  (func (export "rem_u") (param i32 i32) (result i32)
    (i32.rem_u (local.get 0) (local.get 1)))

  ;; a / b as f32, truncated back to i32: 0/0 is NaN (invalid conversion),
  ;; huge/1 overflows i32
  (func (export "trunc_div") (param i32 i32) (result i32)
    (i32.trunc_f32_s
      (f32.div (f32.convert_i32_s (local.get 0)) (f32.convert_i32_s (local.get 1)))))

  (func (export "big_trunc") (param i32 i32) (result i32)
    (i32.trunc_f64_s (f64.mul (f64.convert_i32_s (local.get 0)) (f64.const 1e10))))

  (func (export "unreachable") (param i32 i32) (result i32)
    (unreachable))

  ;; table[idx](x); 0 = double, 1 = inc, 2 = wrong type, 3 = null, >= 4 out of range
  (func (export "dispatch") (param $idx i32) (param $x i32) (result i32)
    (call_indirect (type $unary) (local.get $x) (local.get $idx)))

  ;; recursion to depth n; returns n
  (func $depth (export "depth") (param $n i32) (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (i32.add (i32.const 1)
              (call $depth (i32.sub (local.get $n) (i32.const 1)) (i32.const 0))))))

  ;; no base case
  (func $recurse (export "recurse") (param i32 i32) (result i32)
    (call $recurse (i32.add (local.get 0) (i32.const 1)) (local.get 1)))

  (func (export "grow") (param i32 i32) (result i32)
    (memory.grow (local.get 0)))

  (func (export "size") (param i32 i32) (result i32)
    (memory.size))

  ;; calls the host import clickos.log(a, b)
  (func (export "log") (param i32 i32) (result i32)
    (call $log (local.get 0) (local.get 1))
    (i32.const 0))
)
