// Binding a symbol that an interstate edge assigns (a loop counter) is an
// error: a constant in its place would change what the SDFG computes.
// RUN: pk-opt %s --convert-sdfg-to-scf="symbols=i=5" -verify-diagnostics

sdfg.sdfg @counter(%A: memref<4xf32>) entry @s symbols {i = i64} {
  sdfg.state @s {}
  sdfg.state @done {}
  // expected-error @+1 {{symbol 'i' is bound by 'symbols=' but this interstate edge assigns it}}
  sdfg.edge @s -> @s if "i < 3" assign ["i = i + 1"]
  sdfg.edge @s -> @done if "i >= 3"
}
