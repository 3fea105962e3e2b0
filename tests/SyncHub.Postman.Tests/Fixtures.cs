namespace SyncHub.Postman.Tests;

/// <summary>Small hand-written Postman files.</summary>
internal static class Fixtures
{
    public const string CollectionV21 = """
        {
        	"info": {
        		"_postman_id": "0f5c3a52-1111-4c2e-9a51-5a3f1f1d0001",
        		"name": "Shop API",
        		"description": {"content": "Orders and **customers**.", "type": "text/markdown"},
        		"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
        		"_exporter_id": "123"
        	},
        	"item": [
        		{
        			"name": "Orders",
        			"_postman_isSubFolder": true,
        			"item": [
        				{
        					"name": "List orders",
        					"event": [{"listen": "test", "script": {"id": "e1", "exec": ["pm.test(\"ok\", () => {", "  pm.response.to.have.status(200);", "});"], "type": "text/javascript"}}],
        					"protocolProfileBehavior": {"disableBodyPruning": true},
        					"request": {
        						"method": "GET",
        						"header": [{"key": "Accept", "value": "application/json", "type": "text", "name": "Accept"}],
        						"url": {
        							"raw": "{{baseUrl}}/orders?page=1",
        							"host": ["{{baseUrl}}"],
        							"path": ["orders"],
        							"query": [{"key": "page", "value": "1"}, {"key": "size", "value": "20", "disabled": true}]
        						}
        					},
        					"response": [
        						{
        							"name": "Grüße",
        							"originalRequest": {"method": "GET", "header": [], "url": "{{baseUrl}}/orders"},
        							"status": "OK",
        							"code": 200,
        							"_postman_previewlanguage": "json",
        							"header": [{"key": "Content-Type", "value": "application/json"}],
        							"cookie": [],
        							"body": "[{\"id\": 1, \"note\": \"日本語\"}]"
        						}
        					]
        				},
        				{
        					"name": "Create order",
        					"request": {
        						"auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}", "type": "string"}]},
        						"method": "POST",
        						"header": [{"key": "Content-Type", "value": "application/json"}],
        						"body": {"mode": "raw", "raw": "{\"sku\": \"A-1\"}", "options": {"raw": {"language": "json"}}},
        						"url": {"raw": "https://api.example.com/v1/orders", "protocol": "https", "host": ["api", "example", "com"], "path": ["v1", "orders"]}
        					},
        					"response": []
        				}
        			]
        		},
        		{
        			"name": "Ping",
        			"request": {"method": "GET", "header": [], "url": "https://api.example.com/ping"},
        			"response": []
        		}
        	],
        	"event": [{"listen": "prerequest", "script": {"type": "text/javascript", "exec": [""]}}],
        	"variable": [{"key": "baseUrl", "value": "https://api.example.com"}, {"key": "retries", "value": 3}]
        }
        """;

    public const string CollectionV20 = """
        {
        	"info": {
        		"_postman_id": "0f5c3a52-2222-4c2e-9a51-5a3f1f1d0002",
        		"name": "Legacy",
        		"schema": "https://schema.getpostman.com/json/collection/v2.0.0/collection.json"
        	},
        	"item": [
        		{
        			"name": "Login",
        			"event": [{"listen": "test", "script": {"type": "text/javascript", "exec": "tests['ok'] = true;"}}],
        			"request": {
        				"auth": {"type": "basic", "basic": {"username": "ann", "password": "secret", "showPassword": false}},
        				"url": "https://legacy.example.com/login",
        				"method": "POST",
        				"header": [],
        				"body": {"mode": "formdata", "formdata": [{"key": "a", "value": "1", "type": "text", "enabled": true}]}
        			},
        			"response": []
        		}
        	],
        	"auth": {"type": "bearer", "bearer": {"token": "{{token}}"}}
        }
        """;

    public const string Environment = """
        {
        	"id": "5d9a0e0e-3333-4b7f-8d1e-5d9a0e0e0003",
        	"name": "Staging",
        	"values": [
        		{"key": "baseUrl", "value": "https://staging.example.com", "type": "default", "enabled": true},
        		{"key": "token", "value": "abc", "type": "secret", "enabled": true},
        		{"key": "old", "value": "x", "type": "text", "enabled": false, "description": "kept"}
        	],
        	"_postman_variable_scope": "environment",
        	"_postman_exported_at": "2024-01-02T03:04:05.678Z",
        	"_postman_exported_using": "Postman/10.24.26"
        }
        """;

    public const string Globals = """
        {
        	"id": "9f1e2d3c-4444-4a5b-8c7d-9f1e2d3c0004",
        	"values": [
        		{"key": "host", "value": "localhost", "type": "any", "enabled": true},
        		{"key": "port", "value": "8080", "enabled": true}
        	],
        	"name": "Globals",
        	"_postman_variable_scope": "globals",
        	"_postman_exported_at": "2024-01-02T03:04:05.678Z",
        	"_postman_exported_using": "Postman/10.20.0"
        }
        """;

    public const string Dump = """
        {
        	"version": 1,
        	"collections": [
        		{
        			"id": "c1",
        			"name": "Old API",
        			"description": "",
        			"order": ["r3"],
        			"folders": [{"id": "f1", "name": "Users", "description": "", "order": ["r2", "r1"], "owner": "7"}],
        			"timestamp": 1463475826996,
        			"requests": [
        				{"id": "r1", "headers": "Accept: text/plain\n", "url": "http://old.example.com/users/1", "pathVariables": {}, "preRequestScript": null, "method": "GET", "data": null, "dataMode": "params", "tests": "tests['a'] = 1;", "name": "Get user", "collectionId": "c1", "folder": "f1", "responses": []},
        				{"id": "r2", "headers": "", "url": "http://old.example.com/users", "pathVariables": {}, "preRequestScript": null, "method": "POST", "data": [], "dataMode": "raw", "rawModeData": "{\"name\": \"Олег\"}", "tests": null, "name": "Create user", "collectionId": "c1", "folder": "f1", "responses": [{"id": "s1", "name": "Created", "status": "", "responseCode": {"code": 201, "name": "Created"}, "headers": [{"key": "Location", "value": "/users/2"}], "text": "{}", "language": "json"}]},
        				{"id": "r3", "headers": "", "url": "http://old.example.com/health", "pathVariables": {}, "method": "GET", "data": [], "dataMode": "params", "name": "Health", "collectionId": "c1", "responses": []}
        			]
        		}
        	],
        	"environments": [{"id": "e1", "name": "Local", "values": [{"key": "host", "value": "localhost", "type": "text", "enabled": true}], "timestamp": 1463475826996}],
        	"headerPresets": [{"id": "h1", "name": "JSON", "headers": [{"key": "Content-Type", "value": "application/json", "type": "text", "enabled": true}], "timestamp": 1463481354139}],
        	"globals": [{"key": "g", "value": "1", "type": "text", "enabled": true}]
        }
        """;
}
