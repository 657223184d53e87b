//! An action's parameters struct: its JSON body, built like a model value
//! (`Object<K>` with a field table), with the required parameters as
//! constructor arguments and a setter per optional one.

use super::code::{id, list, ln, open, push_lit, strcat, Code, Lit};
use super::endpoints::TYPES;
use super::md_code;
use super::rust_types::{self, Known};
use super::types::setter_name;
use crate::model::{Endpoint, Parameter};
use std::collections::BTreeSet;

fn rust_name(p: &Parameter) -> String {
    if p.rust_name.is_empty() {
        crate::model::naming::snake(&p.name)
    } else {
        p.rust_name.clone()
    }
}

/// The struct, its marker and field table, its constructor and setters.
pub fn parameters_struct(c: &mut Code, ep: &Endpoint, parameters: &[Parameter], known: &Known) {
    if parameters.is_empty() {
        return;
    }
    let name = ep.parameters_type();
    let marker = strcat!(name, "Kind");
    c.line("");
    c.doc(&strcat!(
        "The JSON body of [`",
        id(&ep.paths.first().map_or(ep.name.as_str(), |p| p.fn_name.as_str())),
        "`]: its parameters, sent with their documented names."
    ));
    ln!(c; "pub type ", id(&name), " = rt::Object<", id(&marker), ">;");
    c.line("");
    c.line("#[doc(hidden)]");
    ln!(c; "pub enum ", id(&marker), " {}");
    c.line("");
    open!(c; "impl rt::Kind for ", id(&marker), " {");
    c.open("const INFO: &'static rt::TypeInfo = &rt::TypeInfo {");
    c.lit_line("name: ", &strcat!(ep.name, " parameters"), ",");
    c.line("base: None,");
    c.line("members: &[],");
    c.line("open: false,");
    c.open("fields: &[");
    for p in parameters {
        c.line_with(|b| {
            b.push_str("rt::field(");
            for text in [&p.name, &rust_name(p), &p.ty] {
                push_lit(b, text);
                b.push_str(", ");
            }
            b.push_str(if p.collection { "true, true)," } else { "false, true)," });
        });
    }
    c.close("],");
    c.close("};");
    c.close("}");
    c.line("");
    open!(c; "impl ", id(&name), " {");
    let arg = |p: &Parameter| rust_types::setter_arg(&p.ty, p.collection, known, TYPES);
    let required: Vec<&Parameter> = parameters.iter().filter(|p| p.required).collect();
    let mut names: BTreeSet<String> = BTreeSet::new();
    let args: Vec<String> = required.iter().map(|p| strcat!(id(&rust_name(p)), ": ", arg(p))).collect();
    let mut doc = String::from("The parameters, the required ones given here");
    for p in &required {
        doc.push_str(&strcat!("\n- `", rust_name(p), "`: ", md_code(&p.name)));
    }
    c.doc(&doc);
    list(c, "pub fn new(", &args, ") -> Self {");
    c.depth_in();
    let mut chain = String::from("Self::default()");
    for p in &required {
        chain.push_str(&strcat!(".with_property(", Lit(&p.name), ", ", id(&rust_name(p)), ')'));
        names.insert(rust_name(p));
    }
    c.line(&chain);
    c.depth_out();
    c.line("}");
    for p in parameters.iter().filter(|p| !p.required) {
        let set = setter_name(&rust_name(p));
        if set == "new" || !names.insert(set.clone()) {
            continue;
        }
        c.doc(&strcat!("Set ", md_code(&p.name), " (optional)."));
        ln!(c; "pub fn ", id(&set), "(self, v: ", arg(p), ") -> Self { self.with_property(", Lit(&p.name), ", v) }");
    }
    c.close("}");
}
