//! An action's parameters type: its JSON body, with the required
//! parameters as constructor arguments and a setter per optional one, sent
//! with their documented names. An alias of the runtime's `Parameters`
//! (not a model type: it has no field table and no handles), whose
//! `Clone`, `Debug`, `Default`, `PartialEq` and `Body` are written once
//! there; here only its constructor and setters.

use super::code::{cat, list, ln, model_id, open, strcat, Code, Lit};
use super::endpoints::TYPES;
use super::rust_types::{self, Known};
use super::types::setter_name;
use super::MdCode;
use crate::model::{Endpoint, Parameter};
use std::collections::BTreeSet;

/// A parameter's Rust name (the documented name in snake case when the
/// model has none).
pub fn rust_name(p: &Parameter) -> String {
    if p.rust_name.is_empty() {
        crate::model::naming::snake(&p.name)
    } else {
        p.rust_name.clone()
    }
}

/// The setter of each optional parameter, in order (`None` for required
/// parameters and for names already taken).
pub fn setters(parameters: &[Parameter]) -> Vec<Option<String>> {
    let mut seen: BTreeSet<String> = ["new".to_string()].into();
    seen.extend(parameters.iter().filter(|p| p.required).map(rust_name));
    parameters.iter().map(|p| (!p.required).then(|| setter_name(&rust_name(p))).filter(|s| seen.insert(s.clone()))).collect()
}

/// The struct, its constructor and setters.
pub fn parameters_struct(c: &mut Code, ep: &Endpoint, parameters: &[Parameter], known: &Known) {
    if parameters.is_empty() {
        return;
    }
    let name = ep.parameters_type();
    let fn_name = ep.paths.first().map_or(ep.name.as_str(), |p| p.fn_name.as_str());
    c.line("");
    c.doc(&strcat!("The JSON body of [`", model_id(fn_name), "`]: its parameters, sent with their documented names."));
    ln!(c; "pub type ", model_id(&name), " = rt::Parameters<params::", model_id(&name), ">;");
    c.line("");
    open!(c; "impl ", model_id(&name), " {");
    let arg = |p: &Parameter| rust_types::setter_arg(p.type_ref(), p.collection, known, TYPES);
    let required: Vec<&Parameter> = parameters.iter().filter(|p| p.required).collect();
    let args: Vec<String> = required.iter().map(|p| strcat!(model_id(&rust_name(p)), ": ", arg(p))).collect();
    let mut doc = String::from("The parameters, the required ones given here:");
    for p in &required {
        cat!(&mut doc; "\n- `", rust_name(p), "`: ", MdCode(&p.name));
    }
    c.doc(&doc);
    list(c, "pub fn new(", &args, ") -> Self {");
    c.depth_in();
    if required.is_empty() {
        c.line("Self::default()");
    } else {
        c.line("let mut o = rt::JsonObject::new();");
        for p in &required {
            ln!(c; "rt::put(&mut o, ", Lit(&p.name), ", ", model_id(&rust_name(p)), ");");
        }
        c.line("Self::from(o)");
    }
    c.depth_out();
    c.line("}");
    for (p, set) in parameters.iter().zip(setters(parameters)) {
        let Some(set) = set else { continue };
        c.doc(&strcat!("Set ", MdCode(&p.name), " (optional)."));
        ln!(c; "pub fn ", model_id(&set), "(&mut self, v: ", arg(p), ") -> &mut Self { rt::put(&mut self.0, ", Lit(&p.name), ", v); self }");
    }
    c.close("}");
}

/// The markers behind the area's parameters types, after its endpoints
/// (none when no action of the area has parameters).
pub fn markers(eps: &[&Endpoint]) -> String {
    let mut c = Code::new();
    c.depth_in();
    for ep in eps {
        if let crate::model::RequestBody::Parameters { parameters } = &ep.request_body {
            if !parameters.is_empty() {
                ln!(c; "pub enum ", model_id(&ep.parameters_type()), " {}");
            }
        }
    }
    let body = c.finish();
    if body.is_empty() {
        return body;
    }
    strcat!("\n/// The markers behind the parameters types (never constructed).\n#[doc(hidden)]\npub mod params {\n", body, "}\n")
}
