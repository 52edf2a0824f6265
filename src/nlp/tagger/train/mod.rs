//! Training the tagger's models, beside the models themselves (as huggingface/tokenizers keeps
//! `model` and `trainer` apart): inference code never depends on anything here. `kg train
//! clusters|pos|ner` calls these; the parser's training is `nlp::parse::train`.

pub mod clusters;
pub mod perceptron;
pub mod pos;
pub mod recogniser;
