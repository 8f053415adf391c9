__version__ = "0.3.16"

default_app_config = "graphql_auth.apps.GraphQLAuthConfig"
