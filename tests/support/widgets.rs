// Shared by tests/client.rs and tests/client_wire.rs: fixture operations
// (not from any docs page), a list, a get and a create, with permissions.
#![allow(dead_code)]

use msgraph_generated::client::RetryPolicy;
use msgraph_generated::support::{Endpoint, GraphType, Page, PathInfo, Permission, Permissions, Request, Value};
use std::time::Duration;

pub const SCOPES: Permissions = Permissions {
    delegated_work: Permission::scopes(&["Widget.Read", "Widget.ReadWrite.All"]),
    delegated_personal: Permission::NOT_SUPPORTED,
    application: Permission::scopes(&["Widget.Read.All"]),
};

pub static LIST: Endpoint = Endpoint {
    name: "widget_list",
    title: "List widgets",
    page: "v1.0/api/widget-list.md",
    version: "v1.0",
    method: "GET",
    paths: &[PathInfo { template: "/widgets", params: &[], deprecated: false, function: "widget_list", permissions: None }],
    permissions: Some(SCOPES),
    success_status: Some(200),
    query_options: &[],
    headers: &[],
};

pub static GET: Endpoint = Endpoint {
    name: "widget_get",
    title: "Get widget",
    page: "v1.0/api/widget-get.md",
    version: "v1.0",
    method: "GET",
    paths: &[PathInfo { template: "/widgets/{id}", params: &["widget_id"], deprecated: false, function: "widget_get", permissions: None }],
    permissions: Some(SCOPES),
    success_status: Some(200),
    query_options: &[],
    headers: &[],
};

pub static CREATE: Endpoint = Endpoint {
    name: "widget_create",
    title: "Create widget",
    page: "v1.0/api/widget-create.md",
    version: "v1.0",
    method: "POST",
    paths: &[PathInfo { template: "/widgets", params: &[], deprecated: false, function: "widget_create", permissions: None }],
    permissions: Some(SCOPES),
    success_status: Some(201),
    query_options: &[],
    headers: &[],
};

pub type Widget = msgraph_generated::v1_0::types::Call;

pub fn list() -> Request<Page<Widget>> {
    Request::new(&LIST, "/widgets".into())
}

pub fn get() -> Request<Widget> {
    Request::new(&GET, "/widgets/w1".into())
}

pub fn create() -> Request<Widget> {
    Request::new(&CREATE, "/widgets".into()).json(&serde_json::json!({"name": "w"})).unwrap()
}

pub fn fast_retries(attempts: u32) -> RetryPolicy {
    RetryPolicy { max_attempts: attempts, base_delay: Duration::from_millis(10), max_delay: Duration::from_millis(50), deadline: Duration::from_secs(20) }
}

pub const WIDGET: &str = r#"{"id":"w1","state":"established"}"#;

pub fn id_of(w: &Widget) -> Option<&str> {
    w.as_object().get("id").and_then(Value::as_str)
}
