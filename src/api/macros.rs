//! `by_id_op!`: the operations whose only parameter is one resource id in the path
//! (`customers.get`, `cashIns.refresh`, `webhooks.delete`, ...).
//! `list_op!`: the list operations (`GET`, a query type, optionally one resource id in the path).

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
                params: &$crate::input::Value,
                _ctx: &$crate::api::RequestContext,
            ) -> Result<Self, Vec<$crate::input::Issue>> {
                let mut ids = $crate::api::params::path_only(params, &[$key])?;
                Ok($name {
                    $field: ids.pop().unwrap_or_default().into(),
                })
            }
        }
    };
}

macro_rules! list_op {
    // A list at a fixed path: the params are the query type's.
    (
        $(#[$m:meta])*
        pub struct $name:ident { $qfield:ident : $qty:ty }
        $opname:literal, $path:literal => $out:ty
    ) => {
        $(#[$m])*
        #[derive(Clone, Debug, Default, PartialEq, Eq)]
        pub struct $name {
            /// Filters and paging.
            pub $qfield: $qty,
        }

        impl $crate::api::Operation for $name {
            const NAME: &'static str = $opname;
            const METHOD: $crate::http::Method = $crate::http::Method::Get;
            const PATH: &'static str = $path;
            type Body = ();
            type Output = $out;

            fn query(&self) -> Vec<(&'static str, String)> {
                self.$qfield.pairs()
            }
        }

        impl $crate::api::FromParams for $name {
            const PARAMS: &'static [&'static str] = <$qty>::PARAMS;

            fn from_params(
                params: &$crate::input::Value,
                _ctx: &$crate::api::RequestContext,
            ) -> Result<Self, Vec<$crate::input::Issue>> {
                let mut issues = Vec::new();
                let q = $crate::api::params::root(params, Self::PARAMS, $crate::api::query::HINTS, &mut issues)
                    .map(|o| <$qty>::read(&o, &mut issues));
                $crate::api::params::finish(issues, || Some($name { $qfield: q? }))
            }
        }
    };
    // A list under one resource: `{ <id key> }` + the query type's params (listed in `params`, in
    // documented order: a const slice cannot be concatenated).
    (
        $(#[$m:meta])*
        pub struct $name:ident { $field:ident : $idty:ty = $key:literal, $qfield:ident : $qty:ty }
        $opname:literal, $path:literal => $out:ty, params $params:expr
    ) => {
        $(#[$m])*
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct $name {
            #[doc = concat!("Path parameter `", $key, "`.")]
            pub $field: $idty,
            /// Filters and paging.
            pub $qfield: $qty,
        }

        impl $crate::api::Operation for $name {
            const NAME: &'static str = $opname;
            const METHOD: $crate::http::Method = $crate::http::Method::Get;
            const PATH: &'static str = $path;
            type Body = ();
            type Output = $out;

            fn path_params(&self) -> Vec<&str> {
                vec![self.$field.as_str()]
            }

            fn query(&self) -> Vec<(&'static str, String)> {
                self.$qfield.pairs()
            }
        }

        impl $crate::api::FromParams for $name {
            const PARAMS: &'static [&'static str] = $params;

            fn from_params(
                params: &$crate::input::Value,
                _ctx: &$crate::api::RequestContext,
            ) -> Result<Self, Vec<$crate::input::Issue>> {
                let mut issues = Vec::new();
                let (mut id, mut q) = (None, None);
                if let Some(o) = $crate::api::params::root(params, Self::PARAMS, $crate::api::query::HINTS, &mut issues) {
                    id = o.id($key, true, &mut issues);
                    q = Some(<$qty>::read(&o, &mut issues));
                }
                $crate::api::params::finish(issues, || {
                    Some($name { $field: id?.into(), $qfield: q? })
                })
            }
        }
    };
}
