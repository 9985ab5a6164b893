// RUN: pk-opt %s -split-input-file -verify-diagnostics
// The attributes pk's passes and recipes exchange are declared by the pk
// dialect (PKDialect.td): their type and placement are checked, and a pk.
// name the dialect does not declare is an error, not silently ignored.

func.func @unknown_tag(%a: tensor<8xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{unknown pk attribute 'pk.fused_convv'}}
  %r = linalg.copy {pk.fused_convv} ins(%a : tensor<8xf32>) outs(%a : tensor<8xf32>) -> tensor<8xf32>
  return %r : tensor<8xf32>
}

// -----

func.func @tag_not_unit(%a: tensor<8xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'pk.attention_tile' must be a unit attribute}}
  %r = linalg.copy {pk.attention_tile = 1 : i32} ins(%a : tensor<8xf32>) outs(%a : tensor<8xf32>) -> tensor<8xf32>
  return %r : tensor<8xf32>
}

// -----

// expected-error @+1 {{'pk.embedding_row' (a schedule tag) belongs on a linalg op}}
func.func @tag_on_function() attributes {pk.embedding_row} {
  return
}

// -----

func.func @aliasing_on_op(%a: tensor<8xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'pk.aliasing_arguments' belongs on a function}}
  %r = linalg.copy {pk.aliasing_arguments} ins(%a : tensor<8xf32>) outs(%a : tensor<8xf32>) -> tensor<8xf32>
  return %r : tensor<8xf32>
}

// -----

// expected-error @+1 {{'pk.status' belongs on a function result of integer tensor type}}
func.func @status_on_float(%a: tensor<f32>) -> (tensor<f32> {pk.status}) {
  return %a : tensor<f32>
}

// -----

// expected-error @+1 {{'pk.status' must be a unit attribute}}
func.func @status_not_unit(%a: tensor<i32>) -> (tensor<i32> {pk.status = "yes"}) {
  return %a : tensor<i32>
}

// -----

// expected-error @+1 {{unknown pk result attribute 'pk.statuss' (pk knows 'pk.status')}}
func.func @unknown_result_attr(%a: tensor<i32>) -> (tensor<i32> {pk.statuss}) {
  return %a : tensor<i32>
}
