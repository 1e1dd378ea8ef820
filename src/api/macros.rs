//! `by_id_op!`: the operations whose only parameter is one resource id in the path
//! (`customers.get`, `cashIns.refresh`, `webhooks.delete`, ...).

macro_rules! by_id_op {
    (
        $(#[$m:meta])*
        pub struct $name:ident { $field:ident : $idty:ty = $key:literal }
        $opname:literal, $method:ident $path:literal => $out:ty
    ) => {
        $(#[$m])*
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct $name {
            #[doc = concat!("Path parameter `", $key, "`.")]
            pub $field: $idty,
        }

        impl $crate::api::Operation for $name {
            const NAME: &'static str = $opname;
            const METHOD: $crate::http::Method = $crate::http::Method::$method;
            const PATH: &'static str = $path;
            type Body = ();
            type Output = $out;

            fn path_params(&self) -> Vec<&str> {
                vec![self.$field.as_str()]
            }
        }

        impl $crate::api::FromParams for $name {
            const PARAMS: &'static [&'static str] = &[$key];

            fn from_params(
                params: &$crate::validate::Value,
                _ctx: &$crate::api::RequestContext,
            ) -> Result<Self, Vec<$crate::validate::Issue>> {
                let mut ids = $crate::api::params::path_only(params, &[$key])?;
                Ok($name {
                    $field: ids.pop().unwrap_or_default().into(),
                })
            }
        }
    };
}
